package io.foldersync.reconcile;

import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What a client whose local file system is full does when the server's periodic SUMMARY says files
 * are missing: ask for them again now, or wait. Asking costs the server a resend of everything still
 * missing, and when it still does not fit, all of it is thrown away again; before this, a client
 * with a full disk had the server resend a whole folder (66 MB in the test that found it) every
 * interval. So the client asks again only when the space of its file system grew noticeably since
 * the failure, or, since space that comes back is not always seen (a quota is not the file store's
 * usable space), after a wait that doubles with every failed try.
 */
public final class FullDisk {

    public enum Action {
        /** The space is still as it was when the content did not fit: ask the server for nothing. */
        WAIT,
        /** Space grew noticeably: the disk counts as no longer full, and the missing files are asked for. */
        RESUME,
        /** No space seen back, but the wait is over: ask once more; the disk still counts as full. */
        TRY_AGAIN
    }

    /**
     * Growth of the usable space that counts as "space was freed" even when less than what did not fit:
     * big enough that a log file growing or shrinking meanwhile is not taken for it, small enough that
     * a user deleting a few files is.
     */
    public static final long NOTICEABLE_BYTES = 1L << 20;

    /** The wait after the first failure: a try that fails again costs the server a resend of what is missing. */
    public static final Duration FIRST_WAIT = Duration.ofSeconds(30);

    /** The longest wait: a freed quota (which the usable space does not show) is noticed within this. */
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    /** The messages of the system errors that mean "the file system (or the user's quota) is full". */
    private static final String[] FULL = { "No space left on device", "Disk quota exceeded" };

    private FullDisk() {
    }

    /**
     * @param freeAtFailure the usable space of the local file system right after the latest failure
     *        (after the failed batch's staged content was removed); -1 when it could not be read
     * @param needed the most bytes of content that did not fit since the disk was found full (a file, or
     *        a batch of staged files that could not be applied; at least 1)
     * @param freeNow the usable space now; -1 when it cannot be read
     * @param waited how long since the latest failure or try
     * @param failures how many times in a row content did not fit (at least 1)
     */
    public static Action decide(long freeAtFailure, long needed, long freeNow, Duration waited, int failures) {
        if (failures < 1 || needed < 1) {
            throw new IllegalArgumentException("a full disk without a failure: failures=" + failures + " needed=" + needed);
        }
        // at this point we know content of `needed` bytes did not fit with `freeAtFailure` free: the same
        // space again would fail the same way, so only growth counts; and what did not fit must fit now,
        // else a large file is resent whole for every megabyte someone frees
        boolean known = freeNow >= 0 && freeAtFailure >= 0;
        if (known && freeNow >= needed && freeNow - freeAtFailure >= Math.min(needed, NOTICEABLE_BYTES)) {
            return Action.RESUME;
        }
        // the space cannot be read, or did not grow: only time tells
        return waited.compareTo(waitAfter(failures)) >= 0 ? Action.TRY_AGAIN : Action.WAIT;
    }

    /** How long to wait after the {@code failures}-th failure in a row: doubling from the first wait to the longest. */
    public static Duration waitAfter(int failures) {
        Duration wait = FIRST_WAIT;
        for (int i = 1; i < failures && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /**
     * Whether {@code error} (or one of its causes or suppressed errors) is the file system saying it is
     * full: Java reports ENOSPC and EDQUOT only by their message (an {@code IOException} from a write, a
     * {@link FileSystemException} whose reason it is from a link or a rename).
     */
    public static boolean isFull(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        if (error != null) {
            next.add(error);
        }
        while (!next.isEmpty()) {
            Throwable t = next.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (saysFull(t.getMessage()) || t instanceof FileSystemException fs && saysFull(fs.getReason())) {
                return true;
            }
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            next.addAll(java.util.List.of(t.getSuppressed()));
        }
        return false;
    }

    private static boolean saysFull(String message) {
        if (message == null) {
            return false;
        }
        for (String full : FULL) {
            if (message.contains(full)) {
                return true;
            }
        }
        return false;
    }
}
