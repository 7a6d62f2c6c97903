package io.foldersync.reconcile;

/**
 * After a folder switch, an edit of the old folder was sent there. When the server acknowledges it,
 * the local copy has done its job: it leaves the mirror, unless something made it the user's again.
 */
public final class DeliveredLeftover {

    public enum Action {
        REMOVE,
        /** Another upload of it to the old folder is still on its way: wait for the last answer. */
        WAIT_FOR_LAST,
        /** The path belongs to the current folder now, or the file changed again: it stays. */
        KEEP
    }

    private DeliveredLeftover() {
    }

    /**
     * @param acknowledged the content the server took
     * @param local what is at the path now
     * @param stillPending whether a later upload of this path to the old folder is unanswered
     * @param baseInCurrentFolder whether the current folder has a base at this path
     */
    public static Action decide(String acknowledged, Observed local, boolean stillPending, boolean baseInCurrentFolder) {
        if (baseInCurrentFolder) {
            return Action.KEEP;
        }
        if (stillPending) {
            return Action.WAIT_FOR_LAST;
        }
        return local.has(acknowledged) ? Action.REMOVE : Action.KEEP;
    }
}
