package io.foldersync.reconcile;

import java.time.Duration;

/**
 * When a client sends again an edit the server refused for now ({@link UploadAnswer.Action#RETRY_AT_RECONCILE}:
 * its folder unavailable, its disk full, an error there). The first time, at the next SUMMARY: most
 * such refusals pass within seconds (a folder being switched or remounted). When the same trouble
 * refuses it again, each try costs the server a whole transfer and both sides a WARN: a 2 MB edit
 * against a server's full disk was resent every 5 s, for as long as the disk stayed full. So the
 * wait grows like {@link FullDisk}'s: 30 s, doubling to 5 minutes. A new edit of a file is not held
 * back by this: the watcher sends it at once, like any edit. Nor is a refused edit once the server
 * says its disk has room again (its SUMMARY's {@code spaceShort} gone): it is sent at once. The timed
 * waits stay for what the server cannot see (a quota, a folder that failed otherwise).
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
     * @param spaceFreed the server's SUMMARY said its folder was short of space after the latest refusal, and a
     *     later one no longer says so: what refused the edit has most likely gone, so the wait is over (without it,
     *     an edit refused five times reached the server up to 5 minutes after space was freed there)
     */
    public static Action decide(int refusalsInARow, Duration waited, boolean spaceFreed) {
        if (refusalsInARow < 1) {
            return Action.WAIT;
        }
        if (spaceFreed) {
            return Action.SEND_AGAIN;
        }
        return waited.compareTo(waitAfter(refusalsInARow)) >= 0 ? Action.SEND_AGAIN : Action.WAIT;
    }

    /** No wait after the first refusal (the next SUMMARY), then {@link FullDisk#waitAfter}: 30 s doubling to 5 min. */
    public static Duration waitAfter(int refusalsInARow) {
        return refusalsInARow <= 1 ? Duration.ZERO : FullDisk.waitAfter(refusalsInARow - 1);
    }
}
