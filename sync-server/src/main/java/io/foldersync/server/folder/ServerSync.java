package io.foldersync.server.folder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
import io.foldersync.reconcile.Change;
import io.foldersync.reconcile.Diff;
import io.foldersync.reconcile.ServerAction;
import io.foldersync.reconcile.SyncRules;
import io.foldersync.reconcile.Version;
import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;

/**
 * The server's sync engine. Server-side changes (from the watcher or a rescan) are found by
 * comparing the disk with the state database and pushed to every client; clients' edits are
 * judged by {@link SyncRules#judge} and applied. One lock serialises everything that touches
 * a folder or its state, so an applied edit is recorded before the watcher looks at it again
 * and is never echoed back.
 */
public class ServerSync {

    private static final Log log = LogFactory.getLog(ServerSync.class);

    /** Origin recorded for content that appeared on the server itself. */
    public static final String SERVER = "server";

    private final ReentrantLock lock = new ReentrantLock();

    private final Folders folders;

    private final StateStore store;

    private final FileRules rules;

    private final ClientSessions sessions;

    private final ConflictKeeper conflicts;

    private final SyncMeters meters;

    private final Limits limits;

    private final Clock clock;

    /** Ineligible paths already warned about, so a binary file is reported once, not every interval. */
    private final Set<String> warnedIneligible = ConcurrentHashMap.newKeySet();

    private volatile Instant lastSyncAt;

    private volatile String problem;

    public ServerSync(Folders folders, StateStore store, FileRules rules, ClientSessions sessions,
            ConflictKeeper conflicts, SyncMeters meters, Limits limits, Clock clock) {
        this.folders = folders;
        this.store = store;
        this.rules = rules;
        this.sessions = sessions;
        this.conflicts = conflicts;
        this.meters = meters;
        this.limits = limits;
        this.clock = clock;
    }

    public Instant lastSyncAt() {
        return lastSyncAt;
    }

    /** Why the active folder is not being synchronised, or null when all is well. */
    public String problem() {
        return problem;
    }

    public long trackedFiles() {
        return store.count(folders.active());
    }

    ReentrantLock lock() {
        return lock;
    }

    // ------------------------------------------------------------------ server-side changes

    /** A batch of watcher events for {@code folder}: look at the affected paths and push what changed. */
    public void onFolderEvents(String folder, List<FolderEvent> events) {
        lock.lock();
        try {
            if (!folder.equals(folders.active())) {
                return; // a late batch from the folder we just switched away from
            }
            Path root = folders.path(folder);
            if (!usable(root)) {
                return;
            }
            if (FolderEvent.needsFullScan(events)) {
                rescanLocked(folder, root);
                return;
            }
            Map<String, FileState> known = store.files(folder);
            Map<String, LocalFile> previous = new HashMap<>();
            Map<String, LocalFile> current = new HashMap<>();
            for (String affected : FolderEvent.topmost(events)) {
                known.forEach((path, state) -> {
                    if (path.equals(affected) || path.startsWith(affected + "/")) {
                        previous.put(path, state.asLocalFile());
                    }
                });
                Scan scan = rules.scan(root, root.resolve(affected), path -> asLocal(known.get(path)));
                current.putAll(scan.files());
                warnIneligible(folder, scan);
            }
            apply(folder, root, Diff.between(previous, current));
        }
        catch (IOException | RuntimeException e) {
            log.warn("could not process changes in folder " + folder + "; the next rescan retries: " + e.getMessage(), e);
        }
        finally {
            lock.unlock();
        }
    }

    /** A full scan of the active folder against the state database: at start, every interval, after lost events. */
    public void rescan() {
        lock.lock();
        try {
            String folder = folders.active();
            Path root = folders.path(folder);
            if (usable(root)) {
                rescanLocked(folder, root);
            }
        }
        catch (IOException | RuntimeException e) {
            log.warn("rescan failed; retrying at the next interval: " + e.getMessage(), e);
        }
        finally {
            lock.unlock();
        }
    }

    private void rescanLocked(String folder, Path root) throws IOException {
        long start = System.nanoTime();
        Map<String, FileState> known = store.files(folder);
        Scan scan = rules.scan(root, path -> asLocal(known.get(path)));
        warnIneligible(folder, scan);
        Map<String, LocalFile> previous = new HashMap<>();
        known.forEach((path, state) -> previous.put(path, state.asLocalFile()));
        List<Change> changes = Diff.between(previous, scan.files());
        apply(folder, root, changes);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        meters.reconciled(took);
        String summary = "rescan of folder " + folder + ": " + scan.files().size() + " files, " + changes.size()
                + " changes, " + scan.ineligible().size() + " not synchronised, " + took.toMillis() + " ms";
        if (changes.isEmpty()) {
            log.debug(summary);
        }
        else {
            log.info(summary);
        }
    }

    private boolean usable(Path root) {
        String why = Folders.problem(root);
        if (why != null) {
            if (!why.equals(problem)) {
                log.error(why + ": propagating nothing, and no deletions, until it is back");
            }
            problem = why;
            return false;
        }
        if (problem != null) {
            log.info("folder " + root + " is usable again");
        }
        problem = null;
        return true;
    }

    private void apply(String folder, Path root, List<Change> changes) {
        for (Change change : changes) {
            switch (change.kind()) {
                case MOVED -> {
                    store.move(folder, change.from(), change.file(), SERVER);
                    SyncLog.local("moved", folder, change.from() + " -> " + change.path(), "origin=server");
                    SyncMessage.FileMove move = new SyncMessage.FileMove(null, folder, change.from(), change.path(),
                            change.file().sha256(), change.file().mtime());
                    sessions.broadcast(folder, null, s -> Outgoing.of(Frame.of(move)));
                    meters.moved();
                }
                case UPDATED -> {
                    store.put(folder, change.file(), SERVER);
                    SyncLog.local("changed", folder, change.path(), "size=" + change.file().size() + " origin=server");
                    sessions.broadcast(folder, null, s -> fileUpdate(folder, root, change.path(), change.previousSha256()));
                }
                case DELETED -> {
                    store.remove(folder, change.path());
                    SyncLog.local("deleted", folder, change.path(), "origin=server");
                    SyncMessage.FileDelete delete = new SyncMessage.FileDelete(null, folder, change.path(),
                            change.previousSha256());
                    sessions.broadcast(folder, null, s -> Outgoing.of(Frame.of(delete)));
                    meters.deleted();
                }
            }
        }
        lastSyncAt = clock.instant();
    }

    /** A FILE_UPDATE of the file as it is when its turn to be sent comes. */
    Outgoing fileUpdate(String folder, Path root, String path, String supersedes) {
        return () -> {
            FileSnapshot snapshot = FileSnapshot.read(SyncPath.resolve(root, path), limits.maxContentBytes(),
                    limits.inMemoryContentBytes());
            if (snapshot == null) {
                return null; // gone or no longer eligible: its delete follows
            }
            return new Frame(new SyncMessage.FileUpdate(null, folder, path, snapshot.mtime(), snapshot.sha256(),
                    supersedes), snapshot.content());
        };
    }

    // ------------------------------------------------------------------ requests from clients

    /** The manifest of a folder, from the state database (kept current by the watcher and rescans). */
    public Frame manifest(String folder) {
        List<ManifestEntry> entries = entries(folder);
        return new Frame(new SyncMessage.Manifest(folder, Manifests.digest(entries), entries.size()),
                Content.of(Manifests.encode(entries)));
    }

    public SyncMessage.Summary summary(String folder) {
        List<ManifestEntry> entries = entries(folder);
        return new SyncMessage.Summary(folder, Manifests.digest(entries), entries.size());
    }

    private List<ManifestEntry> entries(String folder) {
        List<ManifestEntry> entries = new ArrayList<>();
        store.files(folder).values()
                .forEach(s -> entries.add(new ManifestEntry(s.path(), s.sha256(), s.mtime(), s.size())));
        return entries;
    }

    /** A client asks for files it lacks: send each as it is now. */
    public void onFileRequest(ClientSession session, SyncMessage.FileRequest request) {
        String folder = request.folder() != null ? request.folder() : session.folder();
        Path root = folders.path(folder);
        if (root == null) {
            refuse(session, ErrorCode.NOT_ALLOWED, "unknown folder " + folder, null, null);
            return;
        }
        for (String path : request.paths()) {
            if (SyncPath.problem(path) != null) {
                refuse(session, ErrorCode.BAD_PATH, SyncPath.problem(path), null, path);
                continue;
            }
            if (store.get(folder, path).isPresent()) {
                session.send(fileUpdate(folder, root, path, null));
            }
        }
    }

    /**
     * A client's edit. The content is staged (written and checked) before the lock is taken;
     * under the lock the current file on disk is judged against the update and the outcome applied.
     */
    public void onClientUpdate(ClientSession session, SyncMessage.FileUpdate update, Content content) {
        String folder = update.folder() != null ? update.folder() : session.folder();
        Path root = folders.path(folder);
        if (root == null) {
            refuse(session, ErrorCode.NOT_ALLOWED, "unknown folder " + folder, update.id(), update.path());
            return;
        }
        String pathProblem = SyncPath.problem(update.path());
        if (pathProblem != null) {
            refuse(session, ErrorCode.BAD_PATH, pathProblem + ": " + update.path(), update.id(), update.path());
            return;
        }
        if (Folders.problem(root) != null) {
            refuse(session, ErrorCode.INTERNAL, "folder " + folder + " is not available", update.id(), update.path());
            return;
        }
        FolderWriter writer = new FolderWriter(root);
        FolderWriter.Staged staged;
        try {
            staged = writer.stage(content);
        }
        catch (IOException e) {
            refuse(session, ErrorCode.INTERNAL, "could not store the content: " + e.getMessage(), update.id(), update.path());
            return;
        }
        try {
            if (!staged.inspection().sha256().equals(update.sha256())) {
                refuse(session, ErrorCode.HASH_MISMATCH, "content does not match sha256", update.id(), update.path());
                return;
            }
            if (!staged.inspection().text()) {
                refuse(session, ErrorCode.NOT_TEXT, "content is not text (NUL byte or invalid UTF-8)", update.id(),
                        update.path());
                return;
            }
            lock.lock();
            try {
                judgeAndApply(session, folder, root, writer, staged, update);
            }
            finally {
                lock.unlock();
            }
        }
        catch (IOException | RuntimeException e) {
            log.error("could not apply an edit of " + update.path() + " from " + session.name(), e);
            refuse(session, ErrorCode.INTERNAL, "could not apply the edit: " + e.getMessage(), update.id(), update.path());
        }
        finally {
            writer.discard(staged);
        }
    }

    private void judgeAndApply(ClientSession session, String folder, Path root, FolderWriter writer,
            FolderWriter.Staged staged, SyncMessage.FileUpdate update) throws IOException {
        String path = update.path();
        Optional<FileState> known = store.get(folder, path);
        // the file as it is now, not as we last recorded it: the disk is the truth
        Optional<LocalFile> now = rules.inspect(root, path, p -> known.map(FileState::asLocalFile).orElse(null));
        Version current = now.map(f -> new Version(f.sha256(), f.mtime())).orElse(null);
        Version incoming = new Version(update.sha256(), update.mtime());
        ServerAction action = SyncRules.judge(current, incoming, update.baseSha256());
        String currentOrigin = known.filter(k -> current != null && k.sha256().equals(current.sha256()))
                .map(FileState::origin).orElse(SERVER);
        long size = staged.inspection().size();
        switch (action) {
            case NOT_ALLOWED -> refuse(session, ErrorCode.NOT_ALLOWED,
                    "clients may only edit files that exist on the server", update.id(), path);
            case ALREADY_CURRENT -> {
                store.put(folder, now.get(), currentOrigin);
                session.send(new SyncMessage.Ack(update.id(), folder, path, current.sha256(), current.mtime()));
            }
            case ACCEPT, CLIENT_WINS -> {
                if (action == ServerAction.CLIENT_WINS) {
                    conflicts.keepCopy(folder, path, writer.target(path), current.sha256(), current.mtime(),
                            now.get().size(), currentOrigin, session.clientId());
                    meters.conflict();
                }
                writer.commit(staged, path, update.mtime());
                LocalFile written = new LocalFile(path, update.sha256(), update.mtime(), size);
                store.put(folder, written, session.clientId());
                session.countIn(size);
                meters.transferred("in", size);
                meters.propagated(clock.millis() - update.mtime());
                lastSyncAt = clock.instant();
                SyncLog.local("applied", folder, path, "size=" + size + " origin=" + session.clientId()
                        + (action == ServerAction.CLIENT_WINS ? " (won a conflict)" : ""));
                session.send(new SyncMessage.Ack(update.id(), folder, path, update.sha256(), update.mtime()));
                sessions.broadcast(folder, session, s -> fileUpdate(folder, root, path, current.sha256()));
            }
            case SERVER_WINS -> {
                conflicts.keepMoved(folder, path, staged.temp(), update.sha256(), update.mtime(), size,
                        session.clientId(), currentOrigin);
                meters.conflict();
                refuse(session, ErrorCode.CONFLICT, "the server's version is as new or newer; yours is kept as a conflict",
                        update.id(), path);
                // the server's version supersedes the client's: it may now overwrite its copy
                session.send(fileUpdate(folder, root, path, update.sha256()));
            }
        }
    }

    /** Answers a message with an ERROR; nothing was changed by it. */
    public void refuse(ClientSession session, ErrorCode code, String message, String ref, String path) {
        noteRefusal(session, code, message, path);
        session.send(SyncMessage.Error.of(code, message, ref, path));
    }

    /** Counts and logs a refusal (the caller sends the ERROR). */
    public void noteRefusal(ClientSession session, ErrorCode code, String message, String path) {
        meters.refused(code.name());
        if (code != ErrorCode.CONFLICT) {
            log.warn("refused a message from " + session.name() + ": " + code + " " + message
                    + (path != null ? " (" + path + ")" : ""));
        }
    }

    private void warnIneligible(String folder, Scan scan) {
        scan.ineligible().forEach((path, reason) -> {
            if (warnedIneligible.add(folder + "/" + path + "/" + reason)) {
                log.warn("not synchronised: " + path + " in folder " + folder + ": " + reason);
            }
        });
    }

    private static LocalFile asLocal(FileState state) {
        return state == null ? null : state.asLocalFile();
    }
}
