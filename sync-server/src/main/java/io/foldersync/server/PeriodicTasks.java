package io.foldersync.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.folder.ServerChanges;
import io.foldersync.server.folder.ServerSync;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;

/**
 * What happens every {@code foldersync.interval}: a rescan of the active folder (the safety net
 * under the watcher), a SUMMARY to each client so it can tell cheaply whether it is in sync,
 * and the heartbeat round (pings, dead connections, handshake timeouts) on a thread of its own,
 * so a long rescan never delays a ping.
 */
class PeriodicTasks implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(PeriodicTasks.class);

    private final ServerSync sync;

    private final ServerChanges changes;

    private final ActiveFolder active;

    private final ClientSessions sessions;

    private final ScheduledExecutorService syncThread;

    private final ScheduledExecutorService heartbeatThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "foldersync-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final Duration interval;

    /**
     * How often the active folder is scanned in full while the watcher sees every directory: the
     * watcher reports changes as they happen, and the scan (a stat per file and the folder's rows:
     * about 0.8 s of CPU for 50,000 files) is the safety net under it, for what no event tells (a
     * file changed through another mount of the same disk, a network file system). Every 10 minutes
     * keeps an idle pair over 50,000 files under 1 % of a core (Syncthing's default with its
     * watcher is an hour). While the watcher misses events (an exhausted inotify limit, a lost
     * watch, an overflow), the folder is scanned every interval instead.
     * ({@code foldersync.full-scan-interval}, 30 minutes by default.)
     */
    private final Duration fullRescanEvery;

    private long lastFullRescan = System.nanoTime();

    /** Frames a client may still have queued and be sent its SUMMARY. */
    static final int CAUGHT_UP = 1_000;

    private volatile ScheduledFuture<?> reconcile;

    private volatile ScheduledFuture<?> heartbeat;

    PeriodicTasks(ServerSync sync, ServerChanges changes, ActiveFolder active, ClientSessions sessions,
            ScheduledExecutorService syncThread, Duration interval, Duration fullRescanEvery) {
        this.fullRescanEvery = fullRescanEvery;
        this.sync = sync;
        this.changes = changes;
        this.active = active;
        this.sessions = sessions;
        this.syncThread = syncThread;
        this.interval = interval;
    }

    @Override
    public void start() {
        long ms = interval.toMillis();
        reconcile = syncThread.scheduleWithFixedDelay(guarded(this::reconcile), ms, ms, TimeUnit.MILLISECONDS);
        heartbeat = heartbeatThread.scheduleWithFixedDelay(guarded(() -> sessions.heartbeat(ms)), ms, ms,
                TimeUnit.MILLISECONDS);
    }

    private void reconcile() {
        boolean rewatched = active.rewatchIfLost();
        long now = System.nanoTime();
        if (rewatched || !active.watchedFully() || changes.rescanNeeded()
                || now - lastFullRescan >= fullRescanEvery.toNanos()) {
            changes.rescan();
            lastFullRescan = now;
        }
        else {
            changes.checkFolder(); // the folder's presence every interval: health follows an unmount at once
        }
        int realigned = active.realignSessions();
        if (realigned > 0) {
            log.warn(realigned + " client(s) mirrored another folder than the active one; told them again");
        }
        String folder = active.name();
        SyncMessage.Summary summary = null;
        for (ClientSession session : sessions.ready()) {
            // a client still working through a backlog gets its SUMMARY once it has caught up: earlier,
            // it would only ask for a manifest and files that are already on their way
            if (folder.equals(session.folder()) && session.pending() < CAUGHT_UP) {
                summary = summary != null ? summary : sync.summary(folder);
                session.offer(io.foldersync.link.Outgoing.of(io.foldersync.protocol.Frame.of(summary)));
            }
        }
    }

    static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            }
            catch (RuntimeException | Error e) { // NOPMD an Error too (out of memory, stack overflow)
                // a scheduled task that throws is never run again: log and go on
                log.error("periodic task failed; it runs again at the next interval", e);
            }
        };
    }

    @Override
    public void stop() {
        if (reconcile != null) {
            reconcile.cancel(false);
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        heartbeatThread.shutdownNow();
        sessions.closeAll();
    }

    @Override
    public boolean isRunning() {
        return reconcile != null && !reconcile.isDone();
    }
}
