package io.foldersync.files;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.support.MessageBuilder;

import io.foldersync.protocol.SyncPath;

/**
 * The head of a folder's sync flow: a message producer over {@link WatchService} that watches
 * the folder recursively and emits a {@link FolderEvent} for every create, modify and delete,
 * which Spring Integration's own file adapter does not (it never reports deletes).
 *
 * <p>Java's watch service keys a watch by inode: after a directory is renamed, its key keeps
 * reporting under the old path, and registering the new path hands back the same stale key.
 * So we keep our own key-to-path map, and when a registration returns a key we already know
 * under another path, we cancel it and register afresh. Hidden directories (ours included)
 * and symbolic links are never watched. When the kernel runs out of watches, the watcher says
 * so in {@link #degradedReason()} and the periodic rescan carries the load.
 */
public class FolderWatcher extends MessageProducerSupport {

    private static final Log log = LogFactory.getLog(FolderWatcher.class);

    private final Path folder;

    private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();

    private volatile WatchKey rootKey;

    private volatile Object rootFileKey;

    private volatile WatchService watchService;

    private volatile Thread thread;

    private volatile String degradedReason;

    /**
     * Our own run flag: {@code AbstractEndpoint.start()} sets {@code isRunning()} only after
     * {@link #doStart()} returns, so a watch thread that looked at {@code isRunning()} could see
     * false when it got the CPU first, end at once, and leave the folder unwatched (changes then
     * showed only at the next rescan, seconds later).
     */
    private volatile boolean watching;

    public FolderWatcher(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    /** Why events may be missed (watch limit reached), or null when every directory is watched. */
    /**
     * False once the folder itself is no longer watched (it was deleted, or unmounted and
     * mounted again): the watcher then has to be started afresh to see changes again.
     */
    public boolean watchesFolder() {
        WatchKey key = rootKey;
        Object watched = rootFileKey;
        return key != null && key.isValid() && watched != null && watched.equals(fileKey(folder));
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }
        catch (IOException e) {
            return null;
        }
    }

    public String degradedReason() {
        return degradedReason;
    }

    @Override
    public String getComponentType() {
        return "foldersync:folder-watcher";
    }

    @Override
    protected void doStart() {
        try {
            watchService = FileSystems.getDefault().newWatchService();
            if (Files.isDirectory(folder)) {
                registerTree(folder);
            }
        }
        catch (IOException e) {
            degradedReason = "cannot watch " + folder + ": " + e.getMessage();
            log.warn(degradedReason + "; relying on the periodic rescan");
        }
        watching = true;
        thread = new Thread(this::run, "foldersync-watch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() {
        watching = false;
        WatchService service = watchService;
        if (service != null) {
            try {
                service.close();
            }
            catch (IOException e) {
                log.debug("closing the watch service", e);
            }
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        directories.clear();
    }

    private void run() {
        WatchService service = watchService;
        if (service == null) {
            return;
        }
        while (watching) {
            WatchKey key;
            try {
                // blocks until an event: stop() interrupts this thread and closes the service, either of which
                // ends the wait (a timed poll woke an idle process twice a second for nothing)
                key = service.take();
            }
            catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            try {
                handle(key);
            }
            catch (RuntimeException e) {
                if (!watching) {
                    return; // stopping: the flow behind emit() may already be shut down
                }
                // one bad event must not stop the watcher; the periodic rescan repairs what was missed
                log.warn("could not handle a watch event in " + folder, e);
                try {
                    emit(FolderEvent.overflow());
                }
                catch (RuntimeException again) {
                    log.warn("could not ask for a rescan of " + folder + "; the periodic one follows", again);
                }
            }
            finally {
                if (!key.reset()) {
                    directories.remove(key);
                    if (key == rootKey && watching) {
                        folderGone();
                    }
                }
            }
        }
    }

    private void handle(WatchKey key) {
        Path directory = directories.get(key);
        if (directory == null) {
            return;
        }
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                emit(FolderEvent.overflow());
                continue;
            }
            Path child = directory.resolve((Path) event.context());
            String path = SyncPath.of(folder, child);
            if (!FileRules.isVisible(path) || path.indexOf(SyncPath.NOT_READ) >= 0) {
                continue; // hidden; or a name we cannot read as sent (never synchronised: the full scan lists it)
            }
            if (event.kind() == ENTRY_CREATE) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    registerTree(child);
                }
                emit(new FolderEvent(path, FolderEvent.Kind.CREATED));
            }
            else if (event.kind() == ENTRY_MODIFY) {
                emit(new FolderEvent(path, FolderEvent.Kind.MODIFIED));
            }
            else if (event.kind() == ENTRY_DELETE) {
                emit(new FolderEvent(path, FolderEvent.Kind.DELETED));
            }
        }
    }

    /** The folder itself went (deleted, unmounted): the engine hears of it at once, not at its next interval. */
    private void folderGone() {
        try {
            emit(FolderEvent.overflow());
        }
        catch (RuntimeException e) {
            log.debug("could not report that " + folder + " went; the periodic check finds it", e);
        }
    }

    private void emit(FolderEvent event) {
        sendMessage(MessageBuilder.withPayload(event).build());
    }

    private void registerTree(Path start) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(folder) && !FileRules.isVisible(SyncPath.of(folder, dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    register(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException e) {
            log.debug("walking " + start + " to watch it", e);
        }
    }

    private void register(Path dir) {
        try {
            WatchKey key = dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            Path known = directories.get(key);
            if (known != null && !known.equals(dir)) {
                // the same inode under a new name (a renamed directory): drop the stale key, watch afresh
                key.cancel();
                directories.remove(key);
                key = dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            }
            directories.put(key, dir);
            if (dir.equals(folder)) {
                rootKey = key;
                rootFileKey = fileKey(dir); // the inode: a folder made anew at the same path is another one
            }
        }
        catch (ClosedWatchServiceException e) {
            // stopping
        }
        catch (IOException e) {
            String reason = "cannot watch " + dir + ": " + e.getMessage()
                    + " (raise fs.inotify.max_user_watches); changes there are found by the periodic rescan";
            if (degradedReason == null) {
                log.warn(reason);
            }
            degradedReason = reason;
        }
    }
}
