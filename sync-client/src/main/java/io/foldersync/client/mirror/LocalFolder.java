package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.files.FolderWatcher;

/**
 * The local folder itself: there, and watched. A local folder deleted whole while the client runs
 * ({@code rm -rf}) leaves nothing to write into and a watch that died with it. The client is a
 * mirror that cannot delete anything on the server, so it does what a restart would do: makes the
 * folder again, watches it afresh and fills it from the server at the next reconcile. It does not
 * when the folder's parent is gone too (an unmounted disk, a removed home): filling a path on
 * another file system is not what the user set up, so it waits for the parent and says so in the
 * health ({@code src-docs/decisions.md}).
 */
final class LocalFolder {

    private static final Log log = LogFactory.getLog(LocalFolder.class);

    /** What {@link #check} found. */
    enum State {
        /** There and watched, as it was. */
        PRESENT,
        /** Made again, or watched afresh: what is on disk has to be looked at in full. */
        RENEWED,
        /** Not there and not to be made now ({@link #problem}): nothing can be done with it. */
        GONE
    }

    private final Path root;

    private volatile FolderWatcher watcher;

    /** Why the folder could not be made again, or null. */
    private volatile String problem;

    LocalFolder(Path root) {
        this.root = root;
    }

    /** The watcher of this folder, started afresh when the folder's watch is lost. */
    void watchedBy(FolderWatcher watcher) {
        this.watcher = watcher;
    }

    /**
     * Makes sure the folder is there and watched, making it again when only it is gone. Called
     * under the mirror's lock before anything looks at the folder.
     */
    State check() {
        boolean made = false;
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = root.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                return gone("the local folder " + root + " is gone, and so is " + parent
                        + " (an unmounted disk?): it is made again once " + parent + " is back");
            }
            try {
                Files.createDirectory(root);
            }
            catch (FileAlreadyExistsException e) {
                // made meanwhile by someone else, or something else is there: looked at below
            }
            catch (IOException e) {
                return gone("the local folder " + root + " is gone and cannot be made again: " + e);
            }
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                return gone("the local folder " + root + " is not a directory any more");
            }
            made = true;
            log.warn("the local folder " + root + " was gone (deleted while the client ran); made it again: "
                    + "its files come back from the server");
        }
        problem = null;
        FolderWatcher current = watcher;
        if (current != null && !current.watchesFolder()) {
            // its watch died with the folder (or the folder at this path is another one now)
            current.stop();
            current.start();
            log.info("watching the local folder " + root + " afresh");
            return State.RENEWED;
        }
        return made ? State.RENEWED : State.PRESENT;
    }

    private State gone(String why) {
        if (!why.equals(problem)) {
            log.warn(why);
        }
        problem = why;
        return State.GONE;
    }

    /** Why the folder cannot be synchronised right now, or null when it is there and watched. */
    String problem() {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            String known = problem;
            return known != null ? known : "the local folder " + root + " is gone; it is made again at the next reconcile";
        }
        FolderWatcher current = watcher;
        if (current != null && !current.watchesFolder()) {
            return "the local folder " + root + " is not watched; watched afresh at the next reconcile";
        }
        return null;
    }
}
