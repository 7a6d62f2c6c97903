package io.foldersync.server.folder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.delta.ChunkList;
import io.foldersync.delta.ContentInspector;
import io.foldersync.files.FileRules;
import io.foldersync.files.FolderEvent;
import io.foldersync.files.LocalFile;
import io.foldersync.files.Troubles;
import io.foldersync.link.Outgoing;
import io.foldersync.link.SyncLog;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.SyncPath;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.reconcile.Change;
import io.foldersync.reconcile.Diff;
import io.foldersync.server.session.ClientSessions;
import io.foldersync.state.StateStore;
import io.foldersync.survey.Spot;
import io.foldersync.survey.Survey;
import io.foldersync.transfer.Base;
import io.foldersync.transfer.BaseChunks;

/**
 * Server-side changes: what the watcher reports and what every rescan finds, compared with the
 * state database ({@link Diff}), recorded in one transaction, and pushed to the clients that
 * mirror the folder. A path that cannot be read is neither changed nor deleted: it is reported
 * ({@link Troubles}) and looked at again at the next rescan.
 */
public class ServerChanges implements ActiveFolder.Engine {

    private static final Log log = LogFactory.getLog(ServerChanges.class);

    /** Origin recorded for content that appeared on the server itself. */
    public static final String SERVER = "server";

    private final ActiveFolder active;

    private final Folders folders;

    private final FolderCheck check;

    private final StateStore store;

    private final FileRules rules;

    private final ClientSessions sessions;

    private final SyncMeters meters;

    private final Updates updates;

    private final Troubles troubles;

    private final SyncStatus status;

    /** Ineligible paths already warned about, so a binary file is reported once, not every interval. */
    private final Set<String> warnedIneligible = ConcurrentHashMap.newKeySet();

    public ServerChanges(ActiveFolder active, Folders folders, FolderCheck check, StateStore store, FileRules rules,
            ClientSessions sessions, SyncMeters meters, Updates updates, Troubles troubles, SyncStatus status) {
        this.active = active;
        this.folders = folders;
        this.check = check;
        this.store = store;
        this.rules = rules;
        this.sessions = sessions;
        this.meters = meters;
        this.updates = updates;
        this.troubles = troubles;
        this.status = status;
    }

    /** A batch of watcher events for {@code folder}: look at the affected paths and push what changed. */
    @Override
    public void onEvents(String folder, List<FolderEvent> events) {
        active.lock().lock();
        try {
            if (!folder.equals(active.name())) {
                return; // a late batch from the folder we just switched away from
            }
            Path root = folders.path(folder);
            if (!usable(folder, root)) {
                return;
            }
            if (FolderEvent.needsFullScan(events)) {
                rescanLocked(folder, root);
                return;
            }
            Looked looked = new Looked(null);
            for (String affected : FolderEvent.topmost(events)) {
                // only the rows of the affected subtree: a batch costs what it touches, not the folder's size
                try (Survey<Void> survey = Survey.of(store, folder, rules, root, affected)) {
                    looked.add(folder, survey);
                    survey.unreadable().forEach((path, reason) -> troubles.report(folder, path, reason));
                }
            }
            apply(folder, Diff.between(looked.previous, looked.current));
        }
        catch (IOException | RuntimeException e) {
            status.unprocessed().failed("the changes in folder " + folder, e); // events spent: rescan next interval
        }
        finally {
            active.lock().unlock();
        }
    }

    /** A full scan of the active folder against the state database: at start, every interval, after lost events. */
    @Override
    public void rescan() {
        active.lock().lock();
        try {
            String folder = active.name();
            Path root = folders.path(folder);
            if (usable(folder, root)) {
                rescanLocked(folder, root);
            }
        }
        catch (IOException | RuntimeException e) {
            status.unprocessed().failed("the changes in folder " + active.name(), e);
        }
        finally {
            active.lock().unlock();
        }
    }

    /** Whether changes were left unprocessed by a failure: then the next interval rescans the folder. */
    public boolean rescanNeeded() {
        return status.unprocessed().pending();
    }

    @Override
    public String problem(String folder) {
        return check.check(folder, folders.path(folder));
    }

    /** Looks whether the active folder may be synchronised (health), without scanning it. */
    public void checkFolder() {
        active.lock().lock();
        try {
            String folder = active.name();
            usable(folder, folders.path(folder));
        }
        finally {
            active.lock().unlock();
        }
    }

    /**
     * One pass over the bases and the disk, merged path by path (a {@link Survey}): only what
     * changed is held, so a rescan of a folder of any size runs in flat memory.
     */
    private void rescanLocked(String folder, Path root) throws IOException {
        long start = System.nanoTime();
        // nothing recorded yet (a first start, a new folder): every file is new and none can be a move,
        // so the changes are recorded and sent a batch at a time instead of held until the end
        Looked looked = new Looked(store.count(folder) == 0 ? folder : null);
        Map<String, String> unreadable;
        try (Survey<Void> survey = Survey.of(store, folder, rules, root)) {
            looked.add(folder, survey);
            unreadable = survey.unreadable();
        }
        List<Change> changes = Diff.between(looked.previous, looked.current);
        apply(folder, changes);
        long changed = looked.applied + changes.size();
        unreadable.forEach((path, reason) -> troubles.report(folder, path, reason));
        troubles.retain(folder, unreadable.keySet());
        status.unprocessed().processed("the changes in folder " + folder); // what a failure left is found now
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        meters.reconciled(took);
        String summary = "rescan of folder " + folder + ": " + looked.files + " files, " + changed
                + " changes, " + looked.ineligible + " not synchronised, " + unreadable.size()
                + " unreadable, " + took.toMillis() + " ms";
        if (changed == 0) {
            log.debug(summary);
        }
        else {
            log.info(summary);
        }
    }

    private boolean usable(String folder, Path root) {
        String problem = check.check(folder, root);
        status.problem(problem);
        return problem == null;
    }

    /**
     * Records a batch of changes in one transaction, then pushes them to the clients of the folder,
     * then records the chunk lists of the large files that changed (the bases of their next deltas).
     */
    private void apply(String folder, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        // the chunk lists of the versions the clients have, taken before the new ones replace them
        Map<String, Base> bases = new HashMap<>();
        for (Change change : changes) {
            if (change.kind() == Change.Kind.UPDATED && change.previousSha256() != null
                    && change.file().size() >= ContentInspector.CHUNKED_FROM_BYTES) {
                bases.put(change.path(), Base.of(change.previousSha256(),
                        store.chunks(folder, change.path(), change.previousSha256()).orElse(null)));
            }
        }
        store.inOneTransaction(() -> {
            for (Change change : changes) {
                switch (change.kind()) {
                    case MOVED -> store.move(folder, change.from(), change.file(), SERVER);
                    case UPDATED -> store.put(folder, change.file(), SERVER);
                    case DELETED -> store.remove(folder, change.path());
                }
            }
        });
        Path root = folders.path(folder);
        // a mass change (a checkout, a first scan) gets one line; each file is at DEBUG
        boolean quietly = changes.size() > SyncLog.LINES_PER_SECOND;
        if (quietly) {
            SyncLog.info(changes.size() + " changes in folder " + folder + " (" + count(changes, Change.Kind.UPDATED)
                    + " new or changed, " + count(changes, Change.Kind.MOVED) + " moved, "
                    + count(changes, Change.Kind.DELETED) + " deleted); sending them to the clients");
        }
        for (Change change : changes) {
            switch (change.kind()) {
                case MOVED -> {
                    SyncLog.local("moved", folder, change.from() + " -> " + change.path(), "origin=server", quietly);
                    SyncMessage.FileMove move = new SyncMessage.FileMove(null, folder, change.from(), change.path(),
                            change.file().sha256(), change.file().mtime());
                    sessions.broadcast(folder, null, s -> Outgoing.of(Frame.of(move)));
                    meters.moved();
                }
                case UPDATED -> {
                    SyncLog.local("changed", folder, change.path(), "size=" + change.file().size() + " origin=server",
                            quietly);
                    sessions.broadcast(folder, null, s -> updates.of(s, folder, root, change.path(),
                            change.previousSha256(), change.file(), bases.get(change.path())));
                }
                case DELETED -> {
                    SyncLog.local("deleted", folder, change.path(), "origin=server", quietly);
                    SyncMessage.FileDelete delete = new SyncMessage.FileDelete(null, folder, change.path(),
                            change.previousSha256());
                    sessions.broadcast(folder, null, s -> Outgoing.of(Frame.of(delete)));
                    meters.deleted();
                }
            }
        }
        status.synced();
        recordChunks(folder, root, changes);
    }

    private void recordChunks(String folder, Path root, List<Change> changes) {
        for (Change change : changes) {
            if (change.kind() == Change.Kind.UPDATED && change.file().size() >= ContentInspector.CHUNKED_FROM_BYTES) {
                try {
                    ChunkList chunks = BaseChunks.of(SyncPath.resolve(root, change.path()), change.file().sha256());
                    store.chunks(folder, change.path(), change.file().sha256(), chunks);
                }
                catch (IOException | RuntimeException e) {
                    log.debug("no chunk list for " + change.path() + " (its next edit goes whole): " + e.getMessage());
                }
            }
        }
    }

    private static long count(List<Change> changes, Change.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /**
     * What a look at (part of) the folder found changed: the bases and the files that differ (what
     * {@link Diff} pairs into moves, updates and deletes), and counts. Unreadable paths are left out:
     * their content is unknown, so they are neither changed nor deleted.
     */
    private final class Looked {

        final Map<String, LocalFile> previous = new HashMap<>();

        final Map<String, LocalFile> current = new HashMap<>();

        long files;

        long ineligible;

        /** The folder whose new files are applied as they are found (see {@link #rescanLocked}), or null. */
        private final String applyingNew;

        long applied;

        Looked(String applyingNew) {
            this.applyingNew = applyingNew;
        }

        void add(String folder, Survey<Void> survey) {
            boolean troubled = troubles.count() > 0;
            while (survey.hasNext()) {
                Spot<Void> spot = survey.next();
                if (spot.local().isUnknown()) {
                    continue;
                }
                if (spot.local().ineligible() != null) {
                    ineligible++;
                    warnIneligible(folder, spot.path(), spot.local().ineligible());
                }
                LocalFile now = spot.local().file();
                LocalFile was = spot.base() == null ? null : spot.base().asLocalFile();
                if (now != null) {
                    files++;
                    if (troubled) {
                        troubles.clear(folder, spot.path()); // readable again
                    }
                }
                if ((was == null && now == null) || (was != null && now != null && was.sha256().equals(now.sha256()))) {
                    continue;
                }
                if (was != null) {
                    previous.put(spot.path(), was);
                }
                if (now != null) {
                    current.put(spot.path(), now);
                    if (applyingNew != null && current.size() >= APPLY_NEW_EVERY) {
                        List<Change> created = Diff.between(Map.of(), current);
                        apply(applyingNew, created); // paths the survey has passed: its next pages are unaffected
                        applied += created.size();
                        current.clear();
                    }
                }
            }
        }
    }

    /** New files recorded and sent at once during a first look at a folder. */
    private static final int APPLY_NEW_EVERY = 1000;

    private void warnIneligible(String folder, String path, String reason) {
        if (warnedIneligible.add(folder + "/" + path + "/" + reason)) {
            log.warn("not synchronised: " + path + " in folder " + folder + ": " + reason);
        }
    }
}
