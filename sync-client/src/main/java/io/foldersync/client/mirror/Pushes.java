package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.Outcome;
import io.foldersync.apply.Staged;
import io.foldersync.apply.Stager;
import io.foldersync.apply.Step;
import io.foldersync.client.link.Uplink;
import io.foldersync.files.LocalFile;
import io.foldersync.link.SyncLog;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;
import io.foldersync.reconcile.IncomingAction;
import io.foldersync.reconcile.Observed;
import io.foldersync.reconcile.SyncRules;
import io.foldersync.reconcile.Version;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;
import io.foldersync.transfer.Decoder;

/**
 * What the server pushes as content: FILE_UPDATE ({@link SyncRules#incoming}), staged on the
 * connection's thread and applied in batches ({@link Removals} has FILE_DELETE and FILE_MOVE). Each
 * is decided on what is on disk now and applied through the {@link io.foldersync.apply.Applier},
 * which acts only if the file is still what the decision saw; when it is not (the user saved
 * meanwhile), the decision is taken again on the new state.
 */
final class Pushes {

    private static final Log log = LogFactory.getLog(Pushes.class);

    /** How often a decision is taken again when the local file changes under it. */
    static final int ATTEMPTS = 3;

    /** Up to this many files a batch logs a line per file; a bigger one logs one line for all (DEBUG per file). */
    static final int LOGGED_ONE_BY_ONE = 20;

    private final Mirror mirror;

    private final StateStore store;

    private final Uploads uploads;

    private final Uplink uplink;

    private final SyncMeters meters;

    private final Attention attention;

    private final Events events;

    private final Clock clock;

    private final String clientId;

    private final Runnable synced;

    private final Decoder decoder;

    private final Requested requested;

    Pushes(Mirror mirror, StateStore store, Uploads uploads, Uplink uplink, SyncMeters meters, Attention attention,
            Events events, Clock clock, String clientId, Runnable synced, Decoder decoder, Requested requested) {
        this.decoder = decoder;
        this.requested = requested;
        this.mirror = mirror;
        this.store = store;
        this.uploads = uploads;
        this.uplink = uplink;
        this.meters = meters;
        this.attention = attention;
        this.events = events;
        this.clock = clock;
        this.clientId = clientId;
        this.synced = synced;
    }

    // ------------------------------------------------------------------ FILE_UPDATE

    /**
     * Stages the content on the connection's thread (hashed and checked as it is written), then
     * queues it: the sync thread applies it in turn, with the files that arrived with it.
     */
    void update(SyncMessage.FileUpdate update, Content content, Inbox inbox) {
        if (!mirror.owns(update.folder())) {
            requested.arrived(update.folder(), update.path());
            return; // a push for the folder we left
        }
        meters.onWire("in", content.length());
        Stager.Received received;
        try {
            // a delta is applied to the local file; if the user changed it, the result fails its hash
            received = decoder.receive(mirror.stager(), update, content, SyncPath.resolve(mirror.root(), update.path()),
                    uplink.features());
        }
        catch (IOException e) {
            // a full disk, a read-only folder: this file waits for the next reconcile, the others go on; a full
            // disk is the folder's trouble, not this path's (see LocalSpace)
            requested.arrived(update.folder(), update.path());
            long size = update.size() != null ? update.size() : content.length();
            cannotStore(mirror.folder(), update.path(), e, size, "cannot store the received content: ");
            return;
        }
        if (received.refusal() != null) {
            requested.arrived(update.folder(), update.path()); // and asked for again below, where it is
        }
        if (received.refusal() == ErrorCode.DELTA_FAILED) {
            log.debug("delta of " + update.path() + " not usable (" + received.reason() + "); asking for the whole file");
            request(List.of(update.path()));
            return;
        }
        if (received.refusal() != null) {
            refuse(received.refusal(), received.reason(), update.id(), update.path());
            if (received.refusal() == ErrorCode.HASH_MISMATCH) {
                request(List.of(update.path())); // the file changed while it was sent: ask again
            }
            return;
        }
        inbox.put(new Inbox.Arrival(update, received.staged()));
    }

    /**
     * Applies staged files together: each is decided on what is on disk now ({@link SyncRules#incoming}),
     * the writes go to the applier as one batch, and a file the user changed meanwhile is decided
     * again on its own.
     */
    void applyBatch(List<Inbox.Arrival> batch) throws IOException {
        mirror.lock().lock();
        try {
            writeBatch(batch);
        }
        catch (IOException | RuntimeException e) {
            // the batch's content is asked for again by the next reconcile: its staged files go now, not at the
            // next start (a staged name already linked into place is only a second name: the file stays there)
            batch.forEach(a -> {
                mirror.stager().discard(a.staged());
                requested.arrived(a.update().folder(), a.update().path());
            });
            long bytes = batch.stream().mapToLong(a -> a.staged().size()).sum();
            if (!mirror.space().failed(mirror.folder(), e, bytes, batch.size() + " received file(s)")) {
                throw e;
            }
        }
        finally {
            mirror.lock().unlock();
        }
    }

    private void writeBatch(List<Inbox.Arrival> batch) throws IOException {
        String folder = mirror.folder();
        Map<String, FileState> bases = store.getAll(folder, batch.stream().map(a -> a.update().path()).toList());
        boolean newDatabase = mirror.newDatabase();
        List<Step> steps = new ArrayList<>();
        Map<Step, Inbox.Arrival> arrivals = new HashMap<>();
        for (Inbox.Arrival arrival : batch) {
            SyncMessage.FileUpdate update = arrival.update();
            // here, not when it was received: a reconcile queued before it must not ask for it again
            requested.arrived(update.folder(), update.path());
            if (!mirror.owns(update.folder())) {
                mirror.stager().discard(arrival.staged());
                continue;
            }
            FileState baseState = bases.get(update.path());
            Observed local = mirror.observe(update.path(), baseState);
            Step step = local == null ? null : decide(folder, update, arrival.staged(), baseState, local, newDatabase);
            if (step == null) {
                mirror.stager().discard(arrival.staged());
                continue;
            }
            steps.add(step);
            arrivals.put(step, arrival);
        }
        List<Outcome> outcomes = mirror.apply(steps, applied -> {
            store.putAll(folder, applied.stream().map(a -> {
                Inbox.Arrival arrival = arrivals.get(a.step());
                return new LocalFile(arrival.update().path(), arrival.update().sha256(), arrival.update().mtime(),
                        arrival.staged().size(), arrival.staged().fileKey());
            }).toList(), "server");
            for (var a : applied) {
                recordChunks(folder, arrivals.get(a.step()));
            }
        });
        int written = 0;
        long bytes = 0;
        for (Outcome outcome : outcomes) {
            Inbox.Arrival arrival = arrivals.get(outcome.step());
            if (outcome instanceof Outcome.Applied applied) {
                written++;
                bytes += arrival.staged().size();
                written(folder, arrival.update(), arrival.staged(), applied.keptAs(), batch.size() > LOGGED_ONE_BY_ONE);
            }
            else if (outcome instanceof Outcome.Failed failed) {
                mirror.stager().discard(arrival.staged());
                cannotStore(folder, outcome.step().path(), failed.error(), arrival.staged().size(), "");
            }
            else if (!applyAgain(folder, arrival)) {
                // Changed: decided again on its own, on what the user saved meanwhile
                mirror.stager().discard(arrival.staged());
            }
        }
        if (batch.size() > LOGGED_ONE_BY_ONE) {
            SyncLog.info("wrote " + written + " of " + batch.size() + " received files (" + bytes + " bytes) in one batch"
                    + " folder=" + folder + " client=" + clientId);
        }
    }

    /** The step for a received file, or null when it needs none (recorded, or the local edit goes first). */
    private Step decide(String folder, SyncMessage.FileUpdate update, Staged staged, FileState baseState, Observed local,
            boolean newDatabase) throws IOException {
        String path = update.path();
        Version base = baseState == null ? null : baseState.version();
        IncomingAction action = SyncRules.incoming(base, local, new Version(update.sha256(), update.mtime()),
                update.baseSha256(), newDatabase);
        switch (action) {
            case RECORD -> {
                touch(path, update.mtime());
                store.put(folder, new LocalFile(path, update.sha256(), update.mtime(), staged.size()), "server");
                store.chunks(folder, path, update.sha256(), staged.chunks());
                return null;
            }
            case UPLOAD_LOCAL_FIRST -> {
                log.info("local edit of " + path + " crossed an update from the server; sending it for the server to judge");
                uploads.send(folder, path, base == null ? null : base.sha256());
                return null;
            }
            default -> {
                return new Step.Write(path, staged, update.mtime(), local, action == IncomingAction.WRITE_KEEP_LOCAL_COPY);
            }
        }
    }

    private void written(String folder, SyncMessage.FileUpdate update, Staged staged, String keptAs, boolean quietly) {
        attention.clear(folder, update.path());
        if (keptAs != null) {
            events.keptCopy(folder, update.path(), keptAs, "the server's version replaces it");
        }
        events.received(folder, update.path(), staged.size());
        meters.transferred("in", staged.size());
        meters.propagated(clock.millis() + uplink.clockOffsetMs() - update.mtime());
        synced.run();
        if (quietly) {
            log.debug("wrote " + update.path() + " folder=" + folder + " size=" + staged.size());
        }
        else {
            SyncLog.local("wrote", folder, update.path(), "size=" + staged.size() + " client=" + clientId);
        }
    }

    /** Content that could not be stored: the folder's trouble when the disk is full (LocalSpace), else this path's. */
    private void cannotStore(String folder, String path, Throwable error, long bytes, String prefix) {
        if (!mirror.space().failed(folder, error, bytes, path)) {
            String blocked = null;
            try {
                blocked = DirectoryInTheWay.reason(mirror.root(), store, folder, path);
            }
            catch (IOException | java.io.UncheckedIOException e) {
                // the error itself is reported below
            }
            attention.trouble(folder, path, blocked != null ? blocked : prefix + error.getMessage());
        }
    }

    /** {@link #applyUpdate}, its staged content discarded when it fails (asked for again by the next reconcile). */
    private boolean applyAgain(String folder, Inbox.Arrival arrival) throws IOException {
        try {
            return applyUpdate(arrival.update(), arrival.staged());
        }
        catch (IOException | RuntimeException e) {
            mirror.stager().discard(arrival.staged());
            if (mirror.space().failed(folder, e, arrival.staged().size(), arrival.update().path())) {
                return false;
            }
            throw e;
        }
    }

    private boolean applyUpdate(SyncMessage.FileUpdate update, Staged staged) throws IOException {
        String path = update.path();
        Version incoming = new Version(update.sha256(), update.mtime());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (!mirror.owns(update.folder())) {
                return false; // the folder was switched while the content arrived
            }
            String folder = mirror.folder();
            Version base = store.get(folder, path).map(FileState::version).orElse(null);
            Observed local = mirror.observe(path);
            if (local == null) {
                attention.trouble(folder, path, "cannot read the local file");
                return false;
            }
            IncomingAction action = SyncRules.incoming(base, local, incoming, update.baseSha256(), mirror.newDatabase());
            switch (action) {
                case RECORD -> {
                    touch(path, update.mtime());
                    store.put(folder, new LocalFile(path, update.sha256(), update.mtime(), staged.size()), "server");
                    store.chunks(folder, path, update.sha256(), staged.chunks());
                    return false;
                }
                case UPLOAD_LOCAL_FIRST -> {
                    log.info("local edit of " + path + " crossed an update from the server; sending it for the server to judge");
                    uploads.send(folder, path, base == null ? null : base.sha256());
                    return false;
                }
                case WRITE, WRITE_KEEP_LOCAL_COPY -> {
                    Step step = new Step.Write(path, staged, update.mtime(), local, action == IncomingAction.WRITE_KEEP_LOCAL_COPY);
                    LocalFile written = new LocalFile(path, update.sha256(), update.mtime(), staged.size(), staged.fileKey());
                    Outcome outcome = mirror.apply(List.of(step), applied -> {
                        store.put(folder, written, "server");
                        store.chunks(folder, path, update.sha256(), staged.chunks());
                    }).get(0);
                    if (outcome instanceof Outcome.Applied applied) {
                        written(folder, update, staged, applied.keptAs(), false);
                        return true;
                    }
                    if (outcome instanceof Outcome.Failed failed) {
                        cannotStore(folder, path, failed.error(), staged.size(), "");
                        return false;
                    }
                    // Changed: a local edit landed while we wrote; decide again on it
                }
            }
        }
        log.warn(path + " keeps changing locally; leaving it to the next reconcile");
        return false;
    }

    // ------------------------------------------------------------------ helpers

    private void touch(String path, long mtime) throws IOException {
        var file = SyncPath.resolve(mirror.root(), path);
        if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
        }
    }

    /** A large file's chunk list goes with its new base: the next delta either way copies from it. */
    private void recordChunks(String folder, Inbox.Arrival arrival) {
        if (arrival.staged().size() >= io.foldersync.delta.ContentInspector.CHUNKED_FROM_BYTES) {
            store.chunks(folder, arrival.update().path(), arrival.update().sha256(), arrival.staged().chunks());
        }
    }

    private void request(List<String> paths) {
        Requests.files(uplink, mirror.folder(), requested.notAsked(mirror.folder(), paths));
    }

    private void refuse(ErrorCode code, String message, String ref, String path) {
        events.refused(mirror.folder(), path, io.foldersync.client.activity.SyncEvent.Direction.IN, code.name(), message);
        meters.refused(code.name());
        log.warn("refused a message from the server: " + code + " " + message + (path != null ? " (" + path + ")" : ""));
        uplink.send(SyncMessage.Error.of(code, message, ref, path));
    }
}
