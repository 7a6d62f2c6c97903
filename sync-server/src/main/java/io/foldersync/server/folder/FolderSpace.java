package io.foldersync.server.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToLongFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.reconcile.FullDisk;

/**
 * Whether a server folder's file system was found too full for a client's edit. From that refusal
 * until an edit is stored in the folder again, or its file system has grown enough room for what did
 * not fit ({@link FullDisk#decide}), health is DOWN and {@code /actuator/sync} gives the reason: the
 * clients' edits are refused meanwhile (each client keeps its version and sends it again later), so
 * an operator has to free space. The server's own changes keep reaching the clients. Only a failed
 * store is a finding: free space alone says nothing about the next edit's size.
 */
public class FolderSpace {

    private static final Log log = LogFactory.getLog(FolderSpace.class);

    /** The latest full-disk refusal: what did not fit, and the free space right after it. */
    private record Full(String folder, Path root, long freeAtFailure, long needed) {
    }

    private Full full; // guarded by this

    /** The usable space of a folder's file system in bytes, -1 when it cannot be read. */
    private final ToLongFunction<Path> usable;

    public FolderSpace() {
        this(FolderSpace::usable);
    }

    FolderSpace(ToLongFunction<Path> usable) {
        this.usable = usable;
    }

    /**
     * A client's edit of {@code bytes} could not be stored in {@code folder} because of {@code error}.
     * Call it after the staged content of the edit is gone, so the free space read now is what an edit
     * sent again would find.
     *
     * @return true when it was a full disk: then this has logged it (once, when the disk turns full)
     */
    public boolean failed(String folder, Path root, Throwable error, long bytes) {
        if (!FullDisk.isFull(error)) {
            return false;
        }
        long free = usable.applyAsLong(root);
        boolean turnedFull;
        synchronized (this) {
            turnedFull = full == null || !full.folder().equals(folder);
            // what did not fit must fit before the disk counts as freed: the largest edit refused so far
            long needed = Math.max(bytes > 0 ? bytes : FullDisk.NOTICEABLE_BYTES, turnedFull ? 0 : full.needed());
            full = new Full(folder, root, free, needed);
        }
        if (turnedFull) {
            log.warn("no space left on the file system of folder " + folder + " (" + root + "): " + mib(free)
                    + " free, a client's edit of " + mib(bytes) + " could not be stored (" + error.getMessage()
                    + "); the client keeps it and sends it again later; health is DOWN until space is freed");
        }
        return true;
    }

    /** A client's edit was stored in {@code folder}: its file system has room again. */
    public void stored(String folder) {
        synchronized (this) {
            if (full == null || !full.folder().equals(folder)) {
                return;
            }
            full = null;
        }
        log.info("folder " + folder + " stores client edits again after a full disk");
    }

    /** Why {@code folder} cannot take the clients' edits now, or null (read at every call: health is never behind). */
    public String problem(String folder) {
        Full now;
        synchronized (this) {
            now = full;
        }
        if (now == null || !now.folder().equals(folder)) {
            return null;
        }
        long free = usable.applyAsLong(now.root());
        // Duration.ZERO: only space that came back clears it here; the clients' own waits decide when they resend
        if (FullDisk.decide(now.freeAtFailure(), now.needed(), free, Duration.ZERO, 1) == FullDisk.Action.RESUME) {
            synchronized (this) {
                if (full == now) {
                    full = null;
                }
            }
            log.info("space on the file system of folder " + folder + " was freed (" + mib(free)
                    + " free): the clients' refused edits are stored when they send them again");
            return null;
        }
        return "no space left on the file system of folder " + folder + ": " + mib(free) + " free, a client's edit of "
                + mib(now.needed()) + " could not be stored (the client keeps it and sends it again); free space on it";
    }

    private static long usable(Path root) {
        try {
            return Files.getFileStore(root).getUsableSpace();
        }
        catch (IOException | RuntimeException e) {
            return -1; // unknown: only a stored edit clears it
        }
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "an unknown amount" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
