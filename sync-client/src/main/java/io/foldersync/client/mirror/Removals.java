package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.Outcome;
import io.foldersync.apply.Step;
import io.foldersync.client.link.Uplink;
import io.foldersync.files.LocalFile;
import io.foldersync.link.SyncLog;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;
import io.foldersync.reconcile.Observed;
import io.foldersync.reconcile.ServerDeleted;
import io.foldersync.reconcile.ServerMoved;
import io.foldersync.reconcile.Version;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;

/**
 * What the server pushes that takes a file away from a path: FILE_DELETE ({@link ServerDeleted})
 * and FILE_MOVE ({@link ServerMoved}). As for {@link Pushes}, each is decided on what is on disk now
 * and applied through the applier; a local file that changed meanwhile is decided again, and one
 * holding local edits stays here as a local-only file.
 */
final class Removals {

    private static final Log log = LogFactory.getLog(Removals.class);

    private final Mirror mirror;

    private final StateStore store;

    private final Uplink uplink;

    private final SyncMeters meters;

    private final Attention attention;

    private final Events events;

    private final String clientId;

    private final Runnable synced;

    Removals(Mirror mirror, StateStore store, Uplink uplink, SyncMeters meters, Attention attention, Events events,
            String clientId, Runnable synced) {
        this.mirror = mirror;
        this.store = store;
        this.uplink = uplink;
        this.meters = meters;
        this.attention = attention;
        this.events = events;
        this.clientId = clientId;
        this.synced = synced;
    }

    void delete(SyncMessage.FileDelete delete) throws IOException {
        mirror.lock().lock();
        try {
            if (mirror.owns(delete.folder())) {
                deleted(mirror.folder(), delete.path(), delete.sha256());
            }
        }
        finally {
            mirror.lock().unlock();
        }
    }

    /** The server no longer has {@code path}: delete it here unless it holds a local edit, which stays local-only. */
    private void deleted(String folder, String path, String deletedSha) throws IOException {
        for (int attempt = 0; attempt < Pushes.ATTEMPTS; attempt++) {
            Version base = store.get(folder, path).map(FileState::version).orElse(null);
            Observed local = mirror.observe(path);
            if (local == null) {
                attention.trouble(folder, path, "cannot read the local file");
                return;
            }
            switch (ServerDeleted.decide(base, local, deletedSha)) {
                case DELETE_LOCAL -> {
                    Outcome outcome = mirror.apply(List.of(new Step.Delete(path, local)),
                            applied -> store.remove(folder, path)).get(0);
                    if (outcome instanceof Outcome.Applied) {
                        meters.deleted();
                        synced.run();
                        events.deleted(folder, path, "deleted on the server");
                        SyncLog.local("deleted", folder, path, "client=" + clientId);
                        return;
                    }
                    if (outcome instanceof Outcome.Failed failed) {
                        attention.trouble(folder, path, failed.error().getMessage());
                        return;
                    }
                }
                case KEEP_AS_LOCAL_ONLY -> {
                    store.remove(folder, path);
                    events.localOnly(folder, path, "deleted on the server while it held local edits: kept here");
                    attention.warn(folder, path + " was deleted on the server but holds local edits: kept here as a "
                            + "local-only file");
                    return;
                }
                case FORGET_BASE -> {
                    store.remove(folder, path);
                    return;
                }
                case NOTHING -> {
                    return;
                }
            }
        }
        log.warn(path + " keeps changing locally; leaving it to the next reconcile");
    }

    // ------------------------------------------------------------------ FILE_MOVE

    void move(SyncMessage.FileMove move) throws IOException {
        mirror.lock().lock();
        try {
            if (mirror.owns(move.folder())) {
                moved(mirror.folder(), move);
            }
        }
        finally {
            mirror.lock().unlock();
        }
    }

    private void moved(String folder, SyncMessage.FileMove move) throws IOException {
        String from = move.from();
        String to = move.to();
        for (int attempt = 0; attempt < Pushes.ATTEMPTS; attempt++) {
            Optional<FileState> base = store.get(folder, from);
            Observed source = mirror.observe(from);
            Observed destination = mirror.observe(to);
            if (source == null || destination == null) {
                attention.trouble(folder, source == null ? from : to, "cannot read the local file");
                return;
            }
            ServerMoved.Action action = ServerMoved.decide(base.map(FileState::version).orElse(null), source,
                    destination, move.sha256());
            List<Step> steps = new ArrayList<>();
            switch (action) {
                case MOVE -> steps.add(new Step.Move(from, to, source));
                case KEEP_DESTINATION_ASIDE_THEN_MOVE -> {
                    steps.add(new Step.KeepAside(to, destination));
                    steps.add(new Step.Move(from, to, source));
                }
                case DROP_SOURCE -> steps.add(new Step.Delete(from, source));
                case KEEP_SOURCE_FETCH_DESTINATION -> {
                    store.remove(folder, from);
                    events.localOnly(folder, from, "moved on the server while it held local edits: kept here");
                    attention.warn(folder, from + " was moved on the server to " + to
                            + " but holds local edits: kept here as a local-only file");
                    Requests.files(uplink, folder, List.of(to));
                    return;
                }
                case FETCH_DESTINATION -> {
                    store.remove(folder, from);
                    Requests.files(uplink, folder, List.of(to));
                    return;
                }
            }
            LocalFile moved = new LocalFile(to, source.version().sha256(), source.version().mtime(), sizeOf(from));
            List<Outcome> outcomes = mirror.apply(steps, applied -> {
                if (applied.size() == steps.size()) {
                    store.move(folder, from, moved, "server");
                }
            });
            Outcome last = outcomes.get(outcomes.size() - 1);
            if (last instanceof Outcome.Applied && outcomes.stream().allMatch(o -> o instanceof Outcome.Applied)) {
                outcomes.stream().map(o -> ((Outcome.Applied) o).keptAs()).filter(java.util.Objects::nonNull)
                        .forEach(copy -> events.keptCopy(folder, to, copy, "the server moved a file onto this path"));
                events.moved(folder, from, to);
                meters.moved();
                synced.run();
                SyncLog.local("moved", folder, from + " -> " + to, "client=" + clientId);
                return;
            }
            Outcome failed = outcomes.stream().filter(o -> o instanceof Outcome.Failed).findFirst().orElse(null);
            if (failed != null) {
                attention.trouble(folder, failed.step().path(), ((Outcome.Failed) failed).error().getMessage());
                return;
            }
            // Changed: decide again on what is there now
        }
        log.warn(from + " keeps changing locally; leaving it to the next reconcile");
    }

    private long sizeOf(String path) {
        try {
            return Files.size(SyncPath.resolve(mirror.root(), path));
        }
        catch (IOException e) {
            return 0; // gone: the applier will find it changed and nothing is recorded
        }
    }
}
