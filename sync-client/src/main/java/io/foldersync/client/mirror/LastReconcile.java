package io.foldersync.client.mirror;

import java.time.Duration;
import java.util.Objects;

import io.foldersync.reconcile.FullDisk;
import io.foldersync.reconcile.SummaryCheck.SinceLastReconcile;

/**
 * What the last completed reconcile started from, so that a SUMMARY can tell whether asking for the
 * manifest again could change anything.
 *
 * <p>Why: a reconcile that leaves a difference it cannot remove (a directory of the user's where the
 * server has a file, a name this JVM cannot write, a file the disk refuses, an edit the server will
 * not take) used to be repeated at every SUMMARY, every interval: over 50,000 files that is a 4 MB
 * manifest read, surveyed and merged every 5 s for nothing. While the server's digest, this client's
 * bases and its folder (no watcher event, nothing seen missing) are as that reconcile found them (it
 * changed nothing), the next one would decide the same. It is asked again when any of them changes
 * (one that changed its own bases is followed by another at once), or when a wait has run
 * out: 30 s, doubling while each retry ends the same, up to 5 minutes (passing trouble, such as a
 * file locked for a moment, is retried; the same wait as after a full disk: {@link FullDisk#waitAfter}).
 *
 * <p>Used under the mirror's lock.
 */
final class LastReconcile {

    /** The inputs of a reconcile's decisions: equal inputs, equal decisions. */
    private record Seen(String folder, String serverDigest, String clientDigest, long localChanges) {
    }

    private Seen seen;

    private long endedAt;

    /** How many reconciles in a row started from the same state (1: the last one started from a new state). */
    private int sameInARow = 1;

    /**
     * A reconcile ended.
     *
     * @param serverDigest the digest of the manifest it merged
     * @param clientDigest the digest of this client's bases when it started: one that changed them (a base
     *        forgotten, a file recorded) differs from the state after it, so the next SUMMARY asks again
     * @param localChanges {@link Mirror#localChanges()} when it started (a change seen meanwhile is a change)
     * @param now {@link System#nanoTime()}
     */
    void ended(String folder, String serverDigest, String clientDigest, long localChanges, long now) {
        Seen next = new Seen(folder, serverDigest, clientDigest, localChanges);
        sameInARow = next.equals(seen) ? sameInARow + 1 : 1;
        seen = next;
        endedAt = now;
    }

    /** How the state now compares with the one the last reconcile started from. */
    SinceLastReconcile since(String folder, String serverDigest, String clientDigest, long localChanges, long now) {
        if (!Objects.equals(seen, new Seen(folder, serverDigest, clientDigest, localChanges))) {
            return SinceLastReconcile.CHANGED;
        }
        return now - endedAt >= currentWait().toNanos() ? SinceLastReconcile.UNCHANGED_WAIT_OVER : SinceLastReconcile.UNCHANGED;
    }

    /** The wait after the last reconcile (for the log and tests). */
    Duration currentWait() {
        return FullDisk.waitAfter(sameInARow);
    }
}
