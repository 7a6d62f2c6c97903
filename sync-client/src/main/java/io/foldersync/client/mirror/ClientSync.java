package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.client.link.ServerMessages;
import io.foldersync.client.link.Uplink;
import io.foldersync.files.FileRules;
import io.foldersync.files.FolderEvent;
import io.foldersync.files.Troubles;
import io.foldersync.files.Unprocessed;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.Limits;
import io.foldersync.transfer.Transfers;
import io.foldersync.protocol.ReceivedManifest;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.state.StateStore;

/**
 * The client's engine, as the connection and the watcher see it: one method per message, each
 * handed to the piece that owns it ({@link Pushes}, {@link Reconciler}, {@link Answers},
 * {@link Switching}), and the local watch batches to {@link LocalEvents}. Every decision those
 * pieces take is a table in {@code io.foldersync.reconcile}; every change they make goes through
 * the applier. The client never creates, deletes or moves anything on the server.
 */
public class ClientSync implements ServerMessages {

    private static final Log log = LogFactory.getLog(ClientSync.class);

    private final Mirror mirror;

    private final StateStore store;

    private final Uploads uploads;

    /** The files asked of the server that have not arrived yet. */
    private final Requested requested = new Requested();

    private final Pushes pushes;

    private final Removals removals;

    private final Reconciler reconciler;

    private final Switching switching;

    private final Answers answers;

    private final LocalEvents localEvents;

    private final Troubles troubles;

    private final Uplink uplink;

    private final Clock clock;

    private final Inbox inbox;

    private final Events events = new Events();

    /** What the server sent and this client could not process (its state database's disk full...): health DOWN. */
    private final Unprocessed unprocessed = new Unprocessed(
            "the next reconcile asks the server again, and health is DOWN until something is processed again",
            "retried at every reconcile");

    private final UserActions userActions;

    private volatile Instant lastSyncAt;

    /**
     * @param syncThread where everything the server sends is handled, in order (the thread local
     *        watch batches run on too); a direct executor makes handling synchronous (tests)
     */
    public ClientSync(String clientId, Path localFolder, FileRules rules, StateStore store, SyncMeters meters,
            Limits limits, Clock clock, Uplink uplink, Troubles troubles, Executor syncThread, Transfers transfers)
            throws IOException {
        Files.createDirectories(localFolder);
        Path root = localFolder.toAbsolutePath().normalize().toRealPath();
        this.store = store;
        this.troubles = troubles;
        this.uplink = uplink;
        this.clock = clock;
        Attention attention = new Attention(clientId, events, troubles);
        this.mirror = new Mirror(root, store, rules, new KeptCopies(root, clock, clientId), new LocalSpace(root, clientId));
        this.uploads = new Uploads(root, store, uplink, meters, limits, events, transfers);
        Runnable synced = () -> {
            lastSyncAt = clock.instant();
            unprocessed.processed("what the server sends");
        };
        this.pushes = new Pushes(mirror, store, uploads, uplink, meters, attention, events, clock, clientId, synced,
                transfers.decoder(), requested);
        this.removals = new Removals(mirror, store, uplink, meters, attention, events, clientId, synced);
        this.reconciler = new Reconciler(mirror, store, uploads, uplink, meters, troubles, attention, events, clientId, synced,
                requested);
        this.switching = new Switching(mirror, store, uploads, troubles, attention);
        this.answers = new Answers(mirror, store, uploads, switching, attention, events, clientId, synced);
        this.localEvents = new LocalEvents(mirror, uploads, uplink, attention);
        this.inbox = new Inbox(syncThread, pushes::applyBatch, unprocessed);
        this.userActions = new UserActions(mirror, store);
    }

    public String folder() {
        return mirror.folder();
    }

    /** How often the whole local folder is checked while the watcher sees every change. */
    public void fullScanEvery(java.time.Duration every) {
        reconciler.diskCheckEvery(every);
    }

    public Path root() {
        return mirror.root();
    }

    /** The watcher of the local folder: started afresh when the folder is deleted and made again. */
    public void watchedBy(io.foldersync.files.FolderWatcher watcher) {
        mirror.presence().watchedBy(watcher);
    }

    /**
     * Why the local folder cannot be synchronised right now (gone, not watched, its disk full, what the
     * server sent could not be processed), or null.
     */
    public String localFolderProblem() {
        String problem = mirror.presence().problem();
        if (problem == null) {
            problem = mirror.space().problem();
        }
        return problem != null ? problem : unprocessed.problem();
    }

    /** Why the server is not asked for files now (the local folder's file system is full), or null. */
    public String localDiskFull() {
        return mirror.space().problem();
    }

    public Instant lastSyncAt() {
        return lastSyncAt;
    }

    public long trackedFiles() {
        String f = mirror.folder();
        return f == null ? 0 : store.count(f);
    }

    public int pendingUploads() {
        return uploads.count();
    }

    public Troubles troubles() {
        return troubles;
    }

    /**
     * A person's edit through the page (restoring a kept version): written like any local edit,
     * keeping an unsent edit at that path as a conflict copy; the watcher then sends it.
     *
     * @throws IOException with the reason when it could not be done
     */
    public void writeLocalEdit(String path, Content content, long mtime) throws IOException {
        userActions.write(path, content, mtime);
    }

    /** Deletes a local-only file (a conflict copy) for a person, only if it is still what they saw. */
    public void deleteLocalOnly(String path) throws IOException {
        userActions.delete(path);
    }

    /** Where the engine reports what happens to files (the web page's activity); nothing until set. */
    public void setEvents(io.foldersync.client.activity.SyncEvents listener) {
        events.to(listener);
    }

    // ------------------------------------------------------------------ session

    @Override
    public void connected(String serverFolder, String serverId) {
        inbox.put(new Inbox.Task("WELCOME", () -> {
            mirror.lock().lock();
            try {
                mirror.serverIs(serverId);
                switching.switchTo(serverFolder);
                switching.leaveOthers(); // resumes a switch a lost connection or a restart interrupted
            }
            catch (IOException | RuntimeException e) {
                log.error("could not take up folder " + serverFolder + "; asking for its manifest all the same", e);
            }
            finally {
                mirror.lock().unlock();
            }
            Requests.manifest(uplink, serverFolder);
        }));
    }

    @Override
    public void disconnected() {
        uploads.clear(); // unanswered uploads are found again by the reconcile after reconnecting
        requested.clear(); // and so are the files asked for that did not come
    }

    @Override
    public void folderChanged(SyncMessage.FolderChanged changed) {
        inbox.put(new Inbox.Task("FOLDER_CHANGED " + changed.folder(), () -> {
            mirror.lock().lock();
            try {
                if (changed.folder() == null || changed.folder().equals(mirror.folder())) {
                    return;
                }
                switching.switchTo(changed.folder());
            }
            finally {
                mirror.lock().unlock();
            }
            Requests.manifest(uplink, changed.folder());
        }));
    }

    // ------------------------------------------------------------------ messages, handled in arrival order

    @Override
    public void fileUpdate(SyncMessage.FileUpdate update, Content content) {
        pushes.update(update, content, inbox); // staged here, on the connection's thread; applied in turn
    }

    @Override
    public void fileDelete(SyncMessage.FileDelete delete) {
        inbox.put(new Inbox.Task("FILE_DELETE " + delete.path(), () -> removals.delete(delete)));
    }

    @Override
    public void fileMove(SyncMessage.FileMove move) {
        inbox.put(new Inbox.Task("FILE_MOVE " + move.from(), () -> removals.move(move)));
    }

    @Override
    public void manifest(SyncMessage.Manifest manifest, Content content) {
        try {
            // kept past this frame (the content is released once this returns) and read in turn, entry by entry
            ReceivedManifest received = ReceivedManifest.take(content);
            inbox.put(new Inbox.Task("MANIFEST", () -> {
                try (received) {
                    reconciler.manifest(manifest, received);
                }
            }));
        }
        catch (IOException e) {
            log.error("could not read the manifest from the server; the next summary asks again", e);
        }
    }

    @Override
    public void summary(SyncMessage.Summary summary) {
        inbox.put(new Inbox.Task("SUMMARY", () -> reconciler.summary(summary)));
    }

    @Override
    public void ack(SyncMessage.Ack ack) {
        inbox.put(new Inbox.Task("ACK " + ack.path(), () -> answers.ack(ack)));
    }

    @Override
    public void error(SyncMessage.Error error) {
        inbox.put(new Inbox.Task("ERROR " + error.code(), () -> answers.error(error)));
    }

    /** A batch of watcher events in the local folder. */
    public void onLocalEvents(List<FolderEvent> events) {
        localEvents.onEvents(events);
    }

}
