package io.foldersync.server.folder;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;

import io.foldersync.files.FolderEvent;
import io.foldersync.files.FolderWatcher;
import io.foldersync.files.WatchFlows;
import io.foldersync.link.Outgoing;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;
import io.foldersync.server.session.FolderGate;

/**
 * The one owner of the active folder: which it is, its watch (a sync flow registered at start and
 * re-registered on a switch), the switch itself, and the lock under which everything that touches
 * a folder or its state runs, so an applied edit is recorded before the watcher looks at the file
 * again and is never echoed back.
 *
 * <p>A switch is one step for everyone: it holds a monitor, which a handshake
 * also takes ({@link #withActive}) while it reads the active folder and makes its session ready. A client completing
 * its handshake during a switch therefore either gets the new folder in WELCOME, or is ready in
 * time to receive FOLDER_CHANGED.
 */
public class ActiveFolder implements SmartLifecycle, FolderGate {

    private static final Log log = LogFactory.getLog(ActiveFolder.class);

    /** What the engine does for the active folder: handle a watch batch, rescan. */
    public interface Engine {
        void onEvents(String folder, List<FolderEvent> events);

        void rescan();

        /** Why {@code folder} cannot be synchronised now, or null (call under the folder lock). */
        String problem(String folder);
    }

    private final ReentrantLock lock = new ReentrantLock();

    private final Object switching = new Object();

    private final IntegrationFlowContext flows;

    private final Folders folders;

    private final ClientSessions sessions;

    private final Executor syncThread;

    private volatile Engine engine;

    private volatile IntegrationFlowRegistration watching;

    private volatile FolderWatcher watcher;

    private volatile boolean running;

    public ActiveFolder(IntegrationFlowContext flows, Folders folders, ClientSessions sessions, Executor syncThread) {
        this.flows = flows;
        this.folders = folders;
        this.sessions = sessions;
        this.syncThread = syncThread;
    }

    public void setEngine(Engine engine) {
        this.engine = engine;
    }

    public String name() {
        return folders.active();
    }

    public Path path() {
        return folders.activePath();
    }

    /** The lock of everything that reads or changes a synchronised folder or its state. */
    public ReentrantLock lock() {
        return lock;
    }

    @Override
    public void withActive(java.util.function.Consumer<String> task) {
        synchronized (switching) {
            task.accept(folders.active());
        }
    }

    /** Why events may be missed (watch limit), or null. */
    public String watcherProblem() {
        FolderWatcher w = watcher;
        return w == null ? null : w.degradedReason();
    }

    @Override
    public void start() {
        lock.lock();
        try {
            watch(folders.active());
            // the watcher runs first, so nothing that changes during the initial scan is missed
            engine.rescan();
        }
        finally {
            lock.unlock();
        }
        running = true;
        log.info("synchronising folder " + folders.active() + " (" + folders.activePath() + ")");
    }

    @Override
    public void stop() {
        unwatch();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the TCP server opens its port, so the first client already gets a scanned folder
        return Integer.MAX_VALUE / 2 - 1000;
    }

    /**
     * Called every interval: when the active folder came back after it was gone (deleted, or
     * unmounted and mounted again), its old watch is dead; watch it afresh, so changes are seen
     * within the second again and not only by the rescan.
     *
     * @return true when it was watched afresh (what changed meanwhile needs a rescan)
     */
    public boolean rewatchIfLost() {
        lock.lock();
        try {
            FolderWatcher current = watcher;
            String name = folders.active();
            if (running && current != null && !current.watchesFolder() && Folders.problem(folders.path(name)) == null) {
                log.info("folder " + name + " is back; watching it again");
                unwatch();
                watch(name);
                return true;
            }
            return false;
        }
        finally {
            lock.unlock();
        }
    }

    /** True while every directory of the active folder is watched: its changes are seen as they happen. */
    public boolean watchedFully() {
        FolderWatcher current = watcher;
        return current != null && current.watchesFolder() && current.degradedReason() == null;
    }

    /** Makes {@code name} the active folder; every connected client mirrors it from now on. */
    public void switchTo(String name) {
        synchronized (switching) {
            lock.lock();
            try {
                String old = folders.active();
                if (name.equals(old)) {
                    return;
                }
                String problem = engine.problem(name);
                if (problem != null) {
                    // the clients would drop the active folder's files for one that is not there
                    log.warn("refused a switch from " + old + " to " + name + ": " + problem);
                    throw new FolderUnavailableException(problem);
                }
                unwatch();
                folders.activate(name);
                watch(name);
                engine.rescan();
                for (ClientSession session : sessions.ready()) {
                    // a client too busy to take it now is told again at the next interval (realignSessions)
                    if (session.offer(Outgoing.of(Frame.of(new SyncMessage.FolderChanged(name))))) {
                        session.mirror(name);
                    }
                }
                log.info("active folder switched from " + old + " to " + name + " (" + folders.activePath() + ")");
            }
            finally {
                lock.unlock();
            }
        }
    }

    /**
     * Every interval, a safety net under the switch: a ready session that mirrors another folder than
     * the active one is told again. Returns how many were told.
     */
    public int realignSessions() {
        synchronized (switching) {
            String active = folders.active();
            int told = 0;
            for (ClientSession session : sessions.ready()) {
                if (!active.equals(session.folder())
                        && session.offer(Outgoing.of(Frame.of(new SyncMessage.FolderChanged(active))))) {
                    session.mirror(active);
                    told++;
                }
            }
            return told;
        }
    }

    private void watch(String name) {
        Path path = folders.path(name);
        FolderWatcher fresh = new FolderWatcher(path);
        watching = flows.registration(WatchFlows.watch(fresh, name, syncThread, events -> engine.onEvents(name, events)))
                .id("foldersync-watch-" + name)
                .register();
        watcher = fresh;
    }

    private void unwatch() {
        IntegrationFlowRegistration registration = watching;
        if (registration != null) {
            flows.remove(registration.getId());
            watching = null;
            watcher = null;
        }
    }
}
