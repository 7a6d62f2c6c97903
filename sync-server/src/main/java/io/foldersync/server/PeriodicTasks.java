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

    private volatile ScheduledFuture<?> reconcile;

    private volatile ScheduledFuture<?> heartbeat;

    PeriodicTasks(ServerSync sync, ServerChanges changes, ActiveFolder active, ClientSessions sessions,
            ScheduledExecutorService syncThread, Duration interval) {
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
        active.rewatchIfLost();
        changes.rescan();
        int realigned = active.realignSessions();
        if (realigned > 0) {
            log.warn(realigned + " client(s) mirrored another folder than the active one; told them again");
        }
        String folder = active.name();
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
