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
import io.foldersync.server.folder.FolderSwitcher;
import io.foldersync.server.folder.Folders;
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

    private final Folders folders;

    private final ClientSessions sessions;

    private final FolderSwitcher switcher;

    private final ScheduledExecutorService syncThread;

    private final ScheduledExecutorService heartbeatThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "foldersync-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final Duration interval;

    private volatile ScheduledFuture<?> reconcile;

    private volatile ScheduledFuture<?> heartbeat;

    PeriodicTasks(ServerSync sync, Folders folders, ClientSessions sessions, FolderSwitcher switcher,
            ScheduledExecutorService syncThread, Duration interval) {
        this.sync = sync;
        this.switcher = switcher;
        this.folders = folders;
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
        switcher.rewatchIfLost();
        sync.rescan();
        String folder = folders.active();
        SyncMessage.Summary summary = sync.summary(folder);
        for (ClientSession session : sessions.ready()) {
            if (folder.equals(session.folder())) {
                session.send(summary);
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
