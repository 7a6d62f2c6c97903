package io.foldersync.reconcile;

import java.time.Duration;

/**
 * When a client sends again an edit the server refused for now ({@link UploadAnswer.Action#RETRY_AT_RECONCILE}:
 * its folder unavailable, its disk full, an error there). The first time, at the next SUMMARY: most
 * such refusals pass within seconds (a folder being switched or remounted). When the same trouble
 * refuses it again, each try costs the server a whole transfer and both sides a WARN: a 2 MB edit
 * against a server's full disk was resent every 5 s, for as long as the disk stayed full. So the
 * wait grows like {@link FullDisk}'s: 30 s, doubling to 5 minutes. A new edit of a file is not held
 * back by this: the watcher sends it at once, like any edit.
 */
public final class RefusedUpload {

    public enum Action {
        /** Nothing refused is waiting, or its wait is not over: leave it. */
        WAIT,
        /** Send the refused edits again now (the next reconcile looks at the disk and finds them unsent). */
        SEND_AGAIN
    }

    private RefusedUpload() {
    }

    /**
     * @param refusalsInARow how many tries in a row ended refused for now (0: nothing is waiting)
     * @param waited how long since the latest refusal
     */
    public static Action decide(int refusalsInARow, Duration waited) {
        if (refusalsInARow < 1) {
            return Action.WAIT;
        }
        return waited.compareTo(waitAfter(refusalsInARow)) >= 0 ? Action.SEND_AGAIN : Action.WAIT;
    }

    /** No wait after the first refusal (the next SUMMARY), then {@link FullDisk#waitAfter}: 30 s doubling to 5 min. */
    public static Duration waitAfter(int refusalsInARow) {
        return refusalsInARow <= 1 ? Duration.ZERO : FullDisk.waitAfter(refusalsInARow - 1);
    }
}
