package io.foldersync.reconcile;

/**
 * What a client does with the server's periodic SUMMARY: ask for the manifest only when something
 * differs, and not again and again for a difference the last reconcile could not remove (a path it
 * cannot write, a file the disk refuses) while nothing has changed since.
 */
public final class SummaryCheck {

    public enum Action {
        IN_SYNC,
        REQUEST_MANIFEST,
        /** Still different, but the same as after the last reconcile: asking again would decide the same. */
        WAIT
    }

    /** The state now against the state the last completed reconcile started from. */
    public enum SinceLastReconcile {
        /** The server's digest, this client's bases or its folder changed since (or there was no reconcile). */
        CHANGED,
        /** All three are as the last reconcile found them (it changed nothing), within the wait that follows it. */
        UNCHANGED,
        /** All three are as the last reconcile found them, and the wait after it has run out. */
        UNCHANGED_WAIT_OVER
    }

    private SummaryCheck() {
    }

    /**
     * @param serverAgrees the server's digest equals the digest of this client's bases
     * @param diskAgrees every tracked file is on disk with its base content (or is a known ineligible file);
     *        false when not looked at (the server differs)
     * @param adopting the first reconcile after a folder switch has not completed yet
     * @param since what changed since the last reconcile ended
     */
    public static Action decide(boolean serverAgrees, boolean diskAgrees, boolean adopting, SinceLastReconcile since) {
        if (adopting) {
            return Action.REQUEST_MANIFEST;
        }
        if (serverAgrees && diskAgrees) {
            return Action.IN_SYNC;
        }
        // only the server's digest may differ as the last reconcile found it: a disk that differs was just seen
        // by a full look (the periodic safety net, a file seen missing), which found what no event reported;
        // the next SUMMARY would not look again, so waiting would leave that change unsent
        return !serverAgrees && since == SinceLastReconcile.UNCHANGED ? Action.WAIT : Action.REQUEST_MANIFEST;
    }
}
