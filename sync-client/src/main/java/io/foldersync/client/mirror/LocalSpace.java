package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.reconcile.FullDisk;

/**
 * Whether the local folder's file system is full, and so whether a reconcile may ask the server for
 * files ({@link FullDisk#decide}). Content that does not fit is not a trouble of its path (every
 * path would have it): the disk is, so it is logged once for the folder, shown by health and
 * {@code /actuator/sync}, and the server is not asked to resend what cannot be stored until space
 * comes back or the wait is over. Called from the connection's thread (staging) and the sync thread.
 */
final class LocalSpace {

    private static final Log log = LogFactory.getLog(LocalSpace.class);

    private final Path root;

    private final String clientId;

    /** Whether the disk counts as full (health DOWN): from a failure until space is back or the sync completes. */
    private boolean full;

    /** Failed tries in a row since the sync last completed: the wait doubles with each. */
    private int failures;

    /** Whether the current try (the first sync, or one after space came back or a wait) has failed already. */
    private boolean failedThisTry;

    private long freeAtFailure;

    private long needed;

    /** When the latest failure or try was (System.nanoTime). */
    private long since;

    LocalSpace(Path root, String clientId) {
        this.root = root;
        this.clientId = clientId;
    }

    /**
     * Content of {@code bytes} ({@code what}; 0 when not known) could not be stored because of {@code error}.
     *
     * @return true when it was a full disk: then this has reported it, and the caller reports nothing per path
     */
    boolean failed(String folder, Throwable error, long bytes, String what) {
        if (!FullDisk.isFull(error)) {
            return false;
        }
        long free = usable(); // after the caller removed what it had staged
        synchronized (this) {
            boolean wasFull = full;
            boolean firstOfTry = !failedThisTry;
            if (firstOfTry) {
                failures++;
                needed = 0;
                failedThisTry = true;
            }
            full = true;
            freeAtFailure = free;
            needed = Math.max(needed, bytes > 0 ? bytes : FullDisk.NOTICEABLE_BYTES); // unknown: a noticeable amount
            since = System.nanoTime();
            if (!firstOfTry) {
                // the rest of what was asked for, arriving after the first failure: one line per try, not per file
                log.debug("no space for " + what + " either (" + mib(free) + " free) folder=" + folder);
                return true;
            }
            String line = "no space left on the file system of the local folder " + root + " (folder " + folder + "): "
                    + mib(free) + " free, " + what + " needed " + (bytes > 0 ? mib(bytes) : "more") + " ("
                    + error.getMessage()
                    + "); the server is asked for the missing files again once space is freed, or in "
                    + FullDisk.waitAfter(failures).toSeconds() + " s client=" + clientId;
            if (wasFull) {
                log.info(line); // a try after a wait, failing again: said at WARN already
            }
            else {
                log.warn(line);
            }
        }
        return true;
    }

    /**
     * Whether a reconcile may ask the server for files now: always, unless the disk is full; then
     * only when space came back (the disk no longer counts as full) or the wait after the failure is over.
     */
    boolean mayAskForFiles(String folder) {
        synchronized (this) {
            if (!full) {
                return true;
            }
        }
        long free = usable();
        synchronized (this) {
            if (!full) {
                return true;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - since);
            switch (FullDisk.decide(freeAtFailure, needed, free, waited, failures)) {
                case WAIT -> {
                    log.debug("the local disk is still full (" + mib(free) + " free): asking the server for nothing yet"
                            + " folder=" + folder);
                    return false;
                }
                case RESUME -> {
                    full = false;
                    failedThisTry = false;
                    log.info("space on the file system of the local folder " + root + " was freed (" + mib(free)
                            + " free): asking the server for the missing files folder=" + folder + " client=" + clientId);
                    return true;
                }
                case TRY_AGAIN -> {
                    since = System.nanoTime();
                    failedThisTry = false;
                    log.info("the file system of the local folder " + root + " still has " + mib(free) + " free after "
                            + waited.toSeconds() + " s: asking the server for the missing files once more folder=" + folder);
                    return true;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /** Everything the server has is here: the disk is not full, and the next failure waits the first wait again. */
    synchronized void synced(String folder) {
        if (full) {
            log.info("the local folder " + root + " is synchronised again after a full disk folder=" + folder
                    + " client=" + clientId);
        }
        full = false;
        failedThisTry = false;
        failures = 0;
    }

    /** Why synchronisation is held back (for health), or null. */
    String problem() {
        synchronized (this) {
            if (!full) {
                return null;
            }
        }
        return "no space left on the local folder's file system (" + root + "): " + mib(usable())
                + " free; synchronisation resumes once space is freed";
    }

    private long usable() {
        try {
            return Files.getFileStore(root).getUsableSpace();
        }
        catch (IOException | RuntimeException e) {
            return -1; // unknown: only the wait tells (FullDisk)
        }
    }

    static String mib(long bytes) {
        return bytes < 0 ? "an unknown amount" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
