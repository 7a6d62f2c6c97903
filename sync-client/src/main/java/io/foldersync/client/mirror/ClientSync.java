package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.client.activity.SyncEvent;
import io.foldersync.client.activity.SyncEvents;
import io.foldersync.client.link.ServerHandler;
import io.foldersync.client.link.Uplink;
import io.foldersync.files.FileRules;
import io.foldersync.files.FileSnapshot;
import io.foldersync.files.FolderEvent;
import io.foldersync.files.FolderWriter;
import io.foldersync.files.LocalFile;
import io.foldersync.files.Scan;
import io.foldersync.link.Outgoing;
import io.foldersync.link.SyncLog;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.ManifestEntry;
import io.foldersync.protocol.Manifests;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;
import io.foldersync.reconcile.ClientAction;
import io.foldersync.reconcile.IncomingAction;
import io.foldersync.reconcile.Observed;
import io.foldersync.reconcile.SyncRules;
import io.foldersync.reconcile.Version;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;

/**
 * The client's sync engine. It applies what the server pushes (through
 * {@link SyncRules#incoming}), reconciles with the server's manifest after every connect and
 * whenever the periodic summary disagrees ({@link SyncRules#reconcile}), and sends edits of
 * files the server has. The client never creates, deletes or moves anything on the server.
 *
 * <p>One lock serialises all of it: a file written from the server is recorded as the new base
 * before the watcher looks at it, so it is never echoed back.
 */
public class ClientSync implements ServerHandler {

    private static final Log log = LogFactory.getLog(ClientSync.class);

    static final String MIRRORED_SETTING = "mirrored-folder";

    /** Paths asked for in one FILE_REQUEST, so the header stays far below max-header-bytes. */
    static final int REQUEST_CHUNK = 500;

    private final ReentrantLock lock = new ReentrantLock();

    private final FolderWriter writer;

    private final Path root;

    private final FileRules rules;

    private final StateStore store;

    private final SyncMeters meters;

    private final Limits limits;

    private final Clock clock;

    private final KeptCopies kept;

    private final Uplink uplink;

    /** This client's id, on every sync line it logs. */
    private final String clientId;

    /** Local-only and ineligible paths already reported, so each is logged once, not every interval. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** Uploads sent and not yet answered, by path -> content hash: the same edit is not sent twice. */
    private final Map<String, String> inFlight = new ConcurrentHashMap<>();

    private volatile String folder;

    /** Set by a folder switch: local files foreign to the new folder are kept aside instead of judged. */
    private volatile boolean adopting;

    private volatile Instant lastSyncAt;

    /** Where what happens to files is reported for people (the web page). */
    private volatile SyncEvents events = SyncEvents.NONE;

    public ClientSync(String clientId, Path localFolder, FileRules rules, StateStore store, SyncMeters meters,
            Limits limits, Clock clock, Uplink uplink) throws IOException {
        this.clientId = clientId;
        Files.createDirectories(localFolder);
        this.root = localFolder.toAbsolutePath().normalize();
        this.writer = new FolderWriter(root);
        this.rules = rules;
        this.store = store;
        this.meters = meters;
        this.limits = limits;
        this.clock = clock;
        this.kept = new KeptCopies(clock, clientId);
        this.uplink = uplink;
        this.folder = store.setting(MIRRORED_SETTING).orElse(null);
        writer.cleanWorkDir();
    }

    public void setEvents(SyncEvents events) {
        this.events = events;
    }

    public String folder() {
        return folder;
    }

    public Path root() {
        return root;
    }

    public Instant lastSyncAt() {
        return lastSyncAt;
    }

    public long trackedFiles() {
        String f = folder;
        return f == null ? 0 : store.count(f);
    }

    public int pendingUploads() {
        return inFlight.size();
    }

    // ------------------------------------------------------------------ session

    @Override
    public void connected(String serverFolder) {
        lock.lock();
        try {
            if (folder != null && !folder.equals(serverFolder)) {
                leaveFolder(folder, serverFolder);
            }
            else if (folder == null) {
                setFolder(serverFolder);
            }
            requestManifest();
        }
        catch (IOException | RuntimeException e) {
            log.error("could not take up folder " + serverFolder + "; asking for its manifest all the same", e);
            requestManifest();
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public void disconnected() {
        inFlight.clear(); // unanswered uploads are found again by the reconcile after reconnecting
    }

    @Override
    public void onFrame(Frame frame) {
        SyncMessage msg = frame.message();
        try {
            if (msg instanceof SyncMessage.FileUpdate update) {
                onUpdate(update, frame.content());
            }
            else if (msg instanceof SyncMessage.FileDelete delete) {
                onDelete(delete);
            }
            else if (msg instanceof SyncMessage.FileMove move) {
                onMove(move);
            }
            else if (msg instanceof SyncMessage.Manifest manifest) {
                onManifest(manifest, Manifests.decode(frame.content()));
            }
            else if (msg instanceof SyncMessage.Summary summary) {
                onSummary(summary);
            }
            else if (msg instanceof SyncMessage.Ack ack) {
                onAck(ack);
            }
            else if (msg instanceof SyncMessage.Error error) {
                onError(error);
            }
            else if (msg instanceof SyncMessage.FolderChanged changed) {
                onFolderChanged(changed.folder());
            }
            else if (msg instanceof SyncMessage.Oversize oversize) {
                log.warn("the server sent content larger than foldersync.max-file-bytes ("
                        + oversize.contentLength() + " bytes); skipped");
                uplink.send(SyncMessage.Error.of(ErrorCode.TOO_LARGE, "content exceeds max-file-bytes", null));
            }
            else {
                log.debug("ignored " + msg.type() + " from the server");
            }
        }
        catch (IOException | RuntimeException e) {
            log.error("could not handle " + msg.getClass().getSimpleName() + " from the server; the next reconcile retries", e);
        }
    }

    // ------------------------------------------------------------------ pushed changes

    void onUpdate(SyncMessage.FileUpdate update, Content content) throws IOException {
        if (!mine(update.folder())) {
            return;
        }
        String path = update.path();
        if (update.problem() != null || SyncPath.problem(path) != null) {
            refuse(ErrorCode.BAD_PATH, update.problem() != null ? update.problem() : SyncPath.problem(path), update.id(), path);
            return;
        }
        FolderWriter.Staged staged = writer.stage(content);
        try {
            if (!staged.inspection().sha256().equals(update.sha256())) {
                refuse(ErrorCode.HASH_MISMATCH, "content does not match sha256", update.id(), path);
                requestFiles(List.of(path)); // the file changed while it was sent: ask again
                return;
            }
            if (!staged.inspection().text()) {
                refuse(ErrorCode.NOT_TEXT, "content is not text", update.id(), path);
                return;
            }
            lock.lock();
            try {
                applyIncoming(update, staged);
            }
            finally {
                lock.unlock();
            }
        }
        finally {
            writer.discard(staged);
        }
    }

    private void applyIncoming(SyncMessage.FileUpdate update, FolderWriter.Staged staged) throws IOException {
        String path = update.path();
        Version incoming = new Version(update.sha256(), update.mtime());
        Version base = store.get(folder, path).map(FileState::version).orElse(null);
        for (int attempt = 0; attempt < 3; attempt++) {
            Observed local = observe(path);
            IncomingAction action = SyncRules.incoming(base, local, incoming, update.baseSha256());
            switch (action) {
                case RECORD -> {
                    touch(path, update.mtime());
                    store.put(folder, new LocalFile(path, update.sha256(), update.mtime(), staged.inspection().size()), "server");
                    return;
                }
                case UPLOAD_LOCAL_FIRST -> {
                    log.info("local edit of " + path + " crossed an update from the server; sending it for the server to judge");
                    upload(path, base == null ? null : base.sha256());
                    return;
                }
                case WRITE, WRITE_KEEP_LOCAL_COPY -> {
                    if (action == IncomingAction.WRITE_KEEP_LOCAL_COPY) {
                        String copy = kept.keep(writer, path, "the server's version replaces it");
                        events.keptCopy(folder, path, copy, "the server's version replaces it");
                    }
                    // the last look before the rename: a local edit made since is judged, not overwritten
                    if (!observe(path).equals(local)) {
                        continue;
                    }
                    writer.commit(staged, path, update.mtime());
                    store.put(folder, new LocalFile(path, update.sha256(), update.mtime(), staged.inspection().size()), "server");
                    long size = staged.inspection().size();
                    meters.transferred("in", size);
                    meters.propagated(clock.millis() + uplink.clockOffsetMs() - update.mtime());
                    lastSyncAt = clock.instant();
                    SyncLog.local("wrote", folder, path, "size=" + size + " client=" + clientId);
                    events.received(folder, path, size);
                    return;
                }
            }
        }
        log.warn(path + " keeps changing locally; leaving it to the next reconcile");
    }

    void onDelete(SyncMessage.FileDelete delete) throws IOException {
        if (!mine(delete.folder()) || SyncPath.problem(delete.path()) != null) {
            return;
        }
        lock.lock();
        try {
            deleteUnlessEdited(delete.path(), delete.sha256());
        }
        finally {
            lock.unlock();
        }
    }

    /** Deletes a file the server deleted, unless it holds a local edit: then it stays, as a local-only file. */
    private void deleteUnlessEdited(String path, String deletedSha) throws IOException {
        Optional<FileState> base = store.get(folder, path);
        Observed local = observe(path);
        ClientAction action = SyncRules.reconcile(base.map(FileState::version).orElse(null), local, Observed.ABSENT);
        if (action == ClientAction.LOCAL_ONLY && local.has(deletedSha)) {
            action = ClientAction.DELETE_LOCAL; // no base, but exactly the content the server deleted
        }
        switch (action) {
            case DELETE_LOCAL -> {
                writer.delete(path);
                store.remove(folder, path);
                meters.deleted();
                lastSyncAt = clock.instant();
                SyncLog.local("deleted", folder, path, "client=" + clientId);
                events.deleted(folder, path, "deleted on the server");
            }
            case KEEP_AS_LOCAL_ONLY -> {
                store.remove(folder, path);
                warnSync(path + " was deleted on the server but holds local edits: kept here as a local-only file");
                events.localOnly(folder, path, "deleted on the server while it held local edits: kept here");
            }
            default -> store.remove(folder, path);
        }
    }

    void onMove(SyncMessage.FileMove move) throws IOException {
        if (!mine(move.folder()) || SyncPath.problem(move.from()) != null || SyncPath.problem(move.to()) != null) {
            return;
        }
        lock.lock();
        try {
            Optional<FileState> base = store.get(folder, move.from());
            Observed from = observe(move.from());
            Observed to = observe(move.to());
            boolean unchanged = from.isFile()
                    && (from.has(move.sha256()) || base.map(b -> from.has(b.sha256())).orElse(false));
            if (unchanged && to.isAbsent() && writer.move(move.from(), move.to())) {
                LocalFile moved = new LocalFile(move.to(), from.version().sha256(), from.version().mtime(),
                        Files.size(writer.target(move.to())));
                store.move(folder, move.from(), moved, "server");
                meters.moved();
                lastSyncAt = clock.instant();
                SyncLog.local("moved", folder, move.from() + " -> " + move.to(), "client=" + clientId);
                events.moved(folder, move.from(), move.to());
                return;
            }
            // the source was edited here, or something is in the way: keep what is ours, fetch the target
            deleteUnlessEdited(move.from(), move.sha256());
            requestFiles(List.of(move.to()));
        }
        finally {
            lock.unlock();
        }
    }

    void onAck(SyncMessage.Ack ack) throws IOException {
        if (ack.path() != null && ack.folder() != null && folder != null && !ack.folder().equals(folder)) {
            inFlightDone(ack.path());
            removeDeliveredLeftover(ack);
            return;
        }
        if (ack.path() == null || !mine(ack.folder())) {
            inFlightDone(ack.path());
            return;
        }
        lock.lock();
        try {
            inFlightDone(ack.path());
            Observed local = observe(ack.path());
            if (local.has(ack.sha256())) {
                long mtime = ack.mtime() != null ? ack.mtime() : local.version().mtime();
                store.put(folder, new LocalFile(ack.path(), ack.sha256(), local.version().mtime(),
                        Files.size(writer.target(ack.path()))), "local");
                lastSyncAt = clock.instant();
                log.debug("server took " + ack.path() + " (mtime " + mtime + ")");
            }
            else {
                // changed again since it was sent: the watcher sends the newer content
                log.debug("acknowledged " + ack.path() + ", but it has changed since");
            }
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * An edit of the previous folder, sent just before a switch, has reached that folder on the
     * server: the local copy has done its job and is removed like the rest of the old folder,
     * unless it changed again or the current folder has a file at that path.
     */
    private void removeDeliveredLeftover(SyncMessage.Ack ack) throws IOException {
        lock.lock();
        try {
            if (SyncPath.problem(ack.path()) == null && store.get(folder, ack.path()).isEmpty()
                    && observe(ack.path()).has(ack.sha256())) {
                writer.delete(ack.path());
                SyncLog.local("removed", folder, ack.path(), "(its edit reached folder " + ack.folder()
                        + " on the server) client=" + clientId);
            }
        }
        finally {
            lock.unlock();
        }
    }

    void onError(SyncMessage.Error error) throws IOException {
        inFlightDone(error.path());
        String code = error.code();
        if (ErrorCode.CONFLICT.name().equals(code)) {
            log.warn("conflict on " + error.path() + ": " + error.message()
                    + "; the server's version follows and this version is kept as a copy");
            events.conflict(folder, error.path(), error.message());
            return;
        }
        if (ErrorCode.NOT_ALLOWED.name().equals(code) && error.path() != null) {
            lock.lock();
            try {
                store.remove(folder, error.path());
            }
            finally {
                lock.unlock();
            }
            warnSync(error.path() + " does not exist on the server (" + error.message()
                    + "); the local file stays here, not synchronised");
            events.refused(folder, error.path(), SyncEvent.Direction.OUT, code, error.message());
            return;
        }
        log.warn("the server refused a message: " + code + " " + error.message()
                + (error.path() != null ? " (" + error.path() + ")" : ""));
        events.refused(folder, error.path(), SyncEvent.Direction.OUT, code, error.message());
    }

    // ------------------------------------------------------------------ reconcile

    void onSummary(SyncMessage.Summary summary) throws IOException {
        if (!mine(summary.folder())) {
            return;
        }
        lock.lock();
        try {
            Map<String, FileState> known = store.files(folder);
            List<ManifestEntry> base = new ArrayList<>();
            known.values().forEach(s -> base.add(new ManifestEntry(s.path(), s.sha256(), s.mtime(), s.size())));
            boolean serverAgrees = Manifests.digest(base).equals(summary.digest());
            Scan scan = rules.scan(root, p -> asLocal(known.get(p)));
            // an ineligible local file (an edit made binary) is reported once and left alone: it agrees
            boolean localAgrees = known.values().stream()
                    .allMatch(s -> scan.ineligible().containsKey(s.path()) || (scan.files().containsKey(s.path())
                            && scan.files().get(s.path()).sha256().equals(s.sha256())));
            if (!serverAgrees || !localAgrees) {
                requestManifest();
            }
        }
        finally {
            lock.unlock();
        }
    }

    void onManifest(SyncMessage.Manifest manifest, List<ManifestEntry> entries) throws IOException {
        if (!mine(manifest.folder())) {
            return;
        }
        lock.lock();
        try {
            reconcile(entries);
        }
        finally {
            lock.unlock();
        }
    }

    private void reconcile(List<ManifestEntry> entries) throws IOException {
        long start = System.nanoTime();
        Map<String, ManifestEntry> remote = new HashMap<>();
        entries.forEach(e -> remote.put(e.path(), e));
        Map<String, FileState> known = store.files(folder);
        Scan scan = rules.scan(root, p -> asLocal(known.get(p)));
        if (adopting) {
            scan = adopt(scan, remote, known);
            adopting = false;
        }
        Set<String> paths = new TreeSet<>(remote.keySet());
        paths.addAll(scan.files().keySet());
        paths.addAll(scan.ineligible().keySet());
        paths.addAll(known.keySet());
        Map<ClientAction, Integer> counts = new java.util.EnumMap<>(ClientAction.class);
        List<String> downloads = new ArrayList<>();
        for (String path : paths) {
            FileState baseState = known.get(path);
            Version base = baseState == null ? null : baseState.version();
            Observed local = observed(scan, path);
            ManifestEntry entry = remote.get(path);
            Observed server = entry == null ? Observed.ABSENT : Observed.file(entry.sha256(), entry.mtime());
            ClientAction action = SyncRules.reconcile(base, local, server);
            counts.merge(action, 1, Integer::sum);
            switch (action) {
                case NONE -> { }
                case RECORD -> {
                    touch(path, entry.mtime());
                    store.put(folder, new LocalFile(path, entry.sha256(), entry.mtime(), entry.size()), "server");
                }
                case DOWNLOAD, DOWNLOAD_KEEP_LOCAL_COPY -> downloads.add(path);
                case UPLOAD, UPLOAD_CONFLICT -> upload(path, base == null ? null : base.sha256());
                case DELETE_LOCAL -> {
                    writer.delete(path);
                    store.remove(folder, path);
                    meters.deleted();
                    SyncLog.local("deleted", folder, path, "(deleted on the server) client=" + clientId);
                    events.deleted(folder, path, "deleted on the server");
                }
                case KEEP_AS_LOCAL_ONLY -> {
                    store.remove(folder, path);
                    warnSync(path + " was deleted on the server but holds local edits: kept here as a local-only file");
                    events.localOnly(folder, path, "deleted on the server while it held local edits: kept here");
                }
                case FORGET -> store.remove(folder, path);
                case LOCAL_ONLY -> reportOnce(path, "local-only", path + " exists only here: not synchronised "
                        + "(clients never create files on the server)");
                case KEEP_INELIGIBLE -> reportOnce(path, "ineligible", path + " is not synchronised: "
                        + scan.ineligible().get(path) + "; the server's version is unchanged, the local file is left alone");
            }
        }
        requestFiles(downloads);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        meters.reconciled(took);
        lastSyncAt = clock.instant();
        log.info("reconcile of folder " + folder + ": " + remote.size() + " files on the server, "
                + downloads.size() + " to fetch, " + (count(counts, ClientAction.UPLOAD) + count(counts, ClientAction.UPLOAD_CONFLICT))
                + " to send, " + count(counts, ClientAction.DELETE_LOCAL) + " deleted, "
                + count(counts, ClientAction.LOCAL_ONLY) + " local-only, in " + took.toMillis() + " ms");
    }

    private static int count(Map<ClientAction, Integer> counts, ClientAction action) {
        return counts.getOrDefault(action, 0);
    }

    /**
     * After a folder switch, a local file the new folder also has, but with other content and no
     * base, is not this folder's edit: keep it aside and take the server's version.
     */
    private Scan adopt(Scan scan, Map<String, ManifestEntry> remote, Map<String, FileState> known) throws IOException {
        boolean changed = false;
        for (LocalFile file : scan.files().values()) {
            ManifestEntry entry = remote.get(file.path());
            if (entry != null && !known.containsKey(file.path()) && !entry.sha256().equals(file.sha256())) {
                String copy = kept.keep(writer, file.path(), "the newly active folder has another file at this path");
                events.keptCopy(folder, file.path(), copy, "the newly active folder has another file at this path");
                writer.delete(file.path());
                changed = true;
            }
        }
        return changed ? rules.scan(root, p -> asLocal(known.get(p))) : scan;
    }

    // ------------------------------------------------------------------ local changes

    /** A batch of watcher events in the local folder: send edits of known files, report the rest. */
    public void onLocalEvents(List<FolderEvent> events) {
        lock.lock();
        try {
            if (folder == null || !uplink.isReady()) {
                return; // the reconcile after connecting finds every edit made meanwhile
            }
            Map<String, FileState> known = store.files(folder);
            List<String> affectedRoots = FolderEvent.needsFullScan(events) ? List.of("") : List.copyOf(FolderEvent.topmost(events));
            for (String affected : affectedRoots) {
                Path start = affected.isEmpty() ? root : root.resolve(affected);
                Scan scan = rules.scan(root, start, p -> asLocal(known.get(p)));
                for (LocalFile file : scan.files().values()) {
                    FileState base = known.get(file.path());
                    if (base == null) {
                        reportOnce(file.path(), "local-only", file.path() + " was created here: not synchronised "
                                + "(clients never create files on the server)");
                    }
                    else if (!base.sha256().equals(file.sha256())) {
                        upload(file.path(), base.sha256());
                    }
                }
                scan.ineligible().forEach((path, reason) -> {
                    if (known.containsKey(path)) {
                        reportOnce(path, "ineligible", path + " is no longer synchronised (" + reason
                                + "); the local file is kept, and kept aside if the server's version changes");
                    }
                });
                known.keySet().stream()
                        .filter(path -> affected.isEmpty() || path.equals(affected) || path.startsWith(affected + "/"))
                        .filter(path -> !scan.files().containsKey(path) && !scan.ineligible().containsKey(path))
                        .forEach(path -> log.info(path + " was deleted or moved here; clients cannot delete on the "
                                + "server, so it is restored at the next reconcile"));
            }
        }
        catch (IOException | RuntimeException e) {
            log.warn("could not process local changes; the next reconcile retries: " + e.getMessage(), e);
        }
        finally {
            lock.unlock();
        }
    }

    /** Queues an upload of the file as it is when its turn comes; mtimes go out in the server's clock. */
    private void upload(String path, String baseSha) {
        String folderNow = folder;
        Path file = writer.target(path);
        Outgoing outgoing = () -> {
            FileSnapshot snapshot = FileSnapshot.read(file, limits.maxContentBytes(), limits.inMemoryContentBytes());
            if (snapshot == null) {
                inFlight.remove(path);
                return null;
            }
            if (baseSha != null && baseSha.equals(snapshot.sha256())) {
                inFlight.remove(path);
                return null; // back to the base meanwhile: nothing to send
            }
            inFlight.put(path, snapshot.sha256());
            meters.transferred("out", snapshot.size());
            events.sent(folderNow, path, snapshot.size());
            return new Frame(new SyncMessage.FileUpdate(UUID.randomUUID().toString(), folderNow, path,
                    snapshot.mtime() + uplink.clockOffsetMs(), snapshot.sha256(), baseSha), snapshot.content());
        };
        Observed now = observe(path);
        if (now.isFile() && now.version().sha256().equals(inFlight.get(path))) {
            return; // this very content is on its way already
        }
        uplink.send(outgoing);
    }

    // ------------------------------------------------------------------ folder switch

    void onFolderChanged(String newFolder) throws IOException {
        lock.lock();
        try {
            if (newFolder.equals(folder)) {
                return;
            }
            leaveFolder(folder, newFolder);
            requestManifest();
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * Leaves the old folder for a new one: edits not yet sent still go to the old folder (their
     * messages name it), unchanged files of the old folder are removed, everything else stays.
     */
    private void leaveFolder(String old, String newFolder) throws IOException {
        Map<String, FileState> known = store.files(old);
        Scan scan = rules.scan(root, p -> asLocal(known.get(p)));
        int removed = 0;
        for (FileState base : known.values()) {
            LocalFile local = scan.files().get(base.path());
            if (local == null) {
                continue;
            }
            if (local.sha256().equals(base.sha256())) {
                writer.delete(base.path());
                removed++;
            }
            else {
                upload(base.path(), base.sha256()); // an edit made just before the switch lands in the old folder
            }
        }
        setFolder(newFolder);
        adopting = true;
        log.info("switched from folder " + old + " to " + newFolder + ": removed " + removed
                + " unchanged files of " + old + "; local edits were sent to " + old + " and local files are kept");
    }

    private void setFolder(String newFolder) {
        folder = newFolder;
        store.setting(MIRRORED_SETTING, newFolder);
        reported.clear();
    }

    // ------------------------------------------------------------------ helpers

    private void requestManifest() {
        uplink.send(new SyncMessage.ManifestRequest(folder, uplink.clockOffsetMs()));
    }

    private void requestFiles(List<String> paths) {
        for (int i = 0; i < paths.size(); i += REQUEST_CHUNK) {
            uplink.send(new SyncMessage.FileRequest(folder, List.copyOf(paths.subList(i, Math.min(paths.size(), i + REQUEST_CHUNK)))));
        }
    }

    private void refuse(ErrorCode code, String message, String ref, String path) {
        meters.refused(code.name());
        log.warn("refused a message from the server: " + code + " " + message + (path != null ? " (" + path + ")" : ""));
        events.refused(folder, path, SyncEvent.Direction.IN, code.name(), message);
        uplink.send(SyncMessage.Error.of(code, message, ref, path));
    }

    private boolean mine(String messageFolder) {
        // a message for another folder is a leftover from before a switch
        return folder != null && (messageFolder == null || messageFolder.equals(folder));
    }

    private void inFlightDone(String path) {
        if (path != null) {
            inFlight.remove(path);
        }
    }

    private Observed observe(String path) {
        try {
            Scan scan = rules.scan(root, writer.target(path), FileRules.KnownHashes.NONE); // never cached: hashed afresh
            return observed(scan, path);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Observed observed(Scan scan, String path) {
        LocalFile file = scan.files().get(path);
        if (file != null) {
            return Observed.file(file.sha256(), file.mtime());
        }
        return scan.ineligible().containsKey(path) ? Observed.INELIGIBLE : Observed.ABSENT;
    }

    private void touch(String path, long mtime) throws IOException {
        Path file = writer.target(path);
        if (Files.isRegularFile(file)) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
        }
    }

    private void reportOnce(String path, String kind, String message) {
        if (kind.equals("ineligible")) {
            events.notSynchronised(folder, path, message);
        }
        else {
            events.localOnly(folder, path, message);
        }
        if (reported.add(kind + ":" + path)) {
            if (kind.equals("ineligible")) {
                warnSync(message); // binary or over max-file-bytes: skipped with a WARN, as the contract says
            }
            else {
                SyncLog.info(message + " folder=" + folder + " client=" + clientId);
            }
        }
    }

    private void warnSync(String message) {
        SyncLog.warn(message + " folder=" + folder + " client=" + clientId);
    }

    private static LocalFile asLocal(FileState state) {
        return state == null ? null : state.asLocalFile();
    }
}
