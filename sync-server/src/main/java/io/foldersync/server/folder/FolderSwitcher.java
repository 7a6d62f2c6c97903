package io.foldersync.server.folder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;

import io.foldersync.files.FolderWatcher;
import io.foldersync.files.FolderWriter;
import io.foldersync.files.WatchFlows;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;

/**
 * Watches the active folder (its sync flow is registered at start and re-registered on a
 * switch) and switches the active folder for the server and every connected client.
 */
public class FolderSwitcher implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(FolderSwitcher.class);

    private final IntegrationFlowContext flows;

    private final ServerSync sync;

    private final Folders folders;

    private final ClientSessions sessions;

    private final Executor syncThread;

    private volatile IntegrationFlowRegistration watching;

    private volatile FolderWatcher watcher;

    private volatile boolean running;

    public FolderSwitcher(IntegrationFlowContext flows, ServerSync sync, Folders folders, ClientSessions sessions,
            Executor syncThread) {
        this.flows = flows;
        this.sync = sync;
        this.folders = folders;
        this.sessions = sessions;
        this.syncThread = syncThread;
    }

    /** Why events may be missed (watch limit), or null. */
    public String watcherProblem() {
        FolderWatcher w = watcher;
        return w == null ? null : w.degradedReason();
    }

    @Override
    public void start() {
        cleanWorkDirs();
        watch(folders.active());
        // the watcher runs first, so nothing that changes during the initial scan is missed
        sync.rescan();
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
     */
    public void rewatchIfLost() {
        sync.lock().lock();
        try {
            FolderWatcher current = watcher;
            String name = folders.active();
            if (running && current != null && !current.watchesFolder() && Folders.problem(folders.path(name)) == null) {
                log.info("folder " + name + " is back; watching it again");
                unwatch();
                watch(name);
            }
        }
        finally {
            sync.lock().unlock();
        }
    }

    /** Makes {@code name} the active folder; every connected client mirrors it from now on. */
    public void switchTo(String name) {
        sync.lock().lock();
        try {
            String old = folders.active();
            if (name.equals(old)) {
                return;
            }
            unwatch();
            folders.activate(name);
            watch(name);
            sync.rescan();
            for (ClientSession session : sessions.ready()) {
                session.mirror(name);
            }
            sessions.sendAll(new SyncMessage.FolderChanged(name));
            log.info("active folder switched from " + old + " to " + name + " (" + folders.activePath() + ")");
        }
        finally {
            sync.lock().unlock();
        }
    }

    /** Temporaries a crash left in the folders' hidden work directories were never renamed into place: remove them. */
    private void cleanWorkDirs() {
        for (SyncMessage.FolderInfo folder : folders.list()) {
            Path path = folders.path(folder.name());
            if (Folders.problem(path) == null) {
                try {
                    new FolderWriter(path).cleanWorkDir();
                }
                catch (IOException e) {
                    log.warn("could not clean the work directory of folder " + folder.name() + ": " + e.getMessage());
                }
            }
        }
    }

    private void watch(String name) {
        Path path = folders.path(name);
        FolderWatcher fresh = new FolderWatcher(path);
        watching = flows.registration(WatchFlows.watch(fresh, name, syncThread, events -> sync.onFolderEvents(name, events)))
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
