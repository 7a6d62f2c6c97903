package io.foldersync.reconcile;

import static io.foldersync.reconcile.FullDisk.Action.RESUME;
import static io.foldersync.reconcile.FullDisk.Action.TRY_AGAIN;
import static io.foldersync.reconcile.FullDisk.Action.WAIT;
import static io.foldersync.reconcile.Values.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FullDiskTest {

    static final long KB = 1024;

    static final long MB = 1024 * KB;

    static final Duration NOW = Duration.ZERO;

    static final Duration AN_INTERVAL = Duration.ofSeconds(5);

    static Arguments[] cases() {
        return new Arguments[] {
                // ---- the space is as it was
                row("nothing changed, an interval later: wait", 100 * KB, 200 * KB, 100 * KB, AN_INTERVAL, 1, WAIT),
                row("a little freed (less than what did not fit): wait", 100 * KB, 200 * KB, 150 * KB, AN_INTERVAL, 1, WAIT),
                row("less free than at the failure (something else writes): wait", 100 * KB, 200 * KB, 10 * KB, AN_INTERVAL, 1, WAIT),

                // ---- space was freed
                row("freed what did not fit: resume", 100 * KB, 200 * KB, 300 * KB, AN_INTERVAL, 1, RESUME),
                row("freed just what did not fit: resume", 100 * KB, 200 * KB, 300 * KB, NOW, 1, RESUME),
                row("freed a megabyte, a small file did not fit: resume", 0, 200 * KB, MB, NOW, 3, RESUME),
                row("a large file: a megabyte freed is not enough, wait", 0, 183 * MB, MB, AN_INTERVAL, 1, WAIT),
                row("a large file: freed enough for it, resume", 0, 183 * MB, 200 * MB, AN_INTERVAL, 1, RESUME),
                row("a batch failed with its size free after its staged files went: "
                        + "the same space again is not enough", 3 * MB, 3 * MB, 3 * MB, AN_INTERVAL, 1, WAIT),
                row("a batch failed, then a megabyte more was freed: resume", 3 * MB, 3 * MB, 4 * MB, AN_INTERVAL, 1, RESUME),
                row("freed after many failures: resume at once, whatever the wait", 0, 200 * KB, 10 * MB, NOW, 9, RESUME),
                row("space was freed (the tmpfs grew, the file system was unmounted): resume",
                        50 * KB, 200 * KB, 40L << 30, NOW, 1, RESUME),

                // ---- time
                row("the first wait is over: try again", 100 * KB, 200 * KB, 100 * KB, FullDisk.FIRST_WAIT, 1, TRY_AGAIN),
                row("the second wait is twice as long: still waiting", 100 * KB, 200 * KB, 100 * KB, FullDisk.FIRST_WAIT, 2, WAIT),
                row("the second wait is over", 100 * KB, 200 * KB, 100 * KB, FullDisk.FIRST_WAIT.multipliedBy(2), 2, TRY_AGAIN),
                row("after many failures the wait is the longest, no more", 0, 200 * KB, 0, FullDisk.LONGEST_WAIT, 40, TRY_AGAIN),

                // ---- the space cannot be read (or is a quota the file store does not show): only time tells
                row("space unknown now: wait", 100 * KB, 200 * KB, -1, AN_INTERVAL, 1, WAIT),
                row("space unknown at the failure: wait", -1, 200 * KB, 10 * MB, AN_INTERVAL, 1, WAIT),
                row("space unknown, the wait is over: try again", -1, 200 * KB, -1, FullDisk.FIRST_WAIT, 1, TRY_AGAIN),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String description, long freeAtFailure, long needed, long freeNow, Duration waited, int failures,
            FullDisk.Action expected) {
        assertThat(FullDisk.decide(freeAtFailure, needed, freeNow, waited, failures)).isEqualTo(expected);
    }

    @Test
    void theWaitDoublesFromTheFirstToTheLongest() {
        assertThat(FullDisk.waitAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(FullDisk.waitAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(FullDisk.waitAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(FullDisk.waitAfter(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(FullDisk.waitAfter(5)).isEqualTo(FullDisk.LONGEST_WAIT);
        assertThat(FullDisk.waitAfter(Integer.MAX_VALUE)).isEqualTo(FullDisk.LONGEST_WAIT);
    }

    @Test
    void neverAsksAgainWithinTheFirstWaitWhileNoSpaceIsFreed() {
        for (int failures = 1; failures < 20; failures++) {
            for (long freed = -10 * KB; freed < 200 * KB; freed += 10 * KB) {
                assertThat(FullDisk.decide(MB, 200 * KB, MB + freed, FullDisk.FIRST_WAIT.minusMillis(1), failures))
                        .as("failures=%d freed=%d", failures, freed).isEqualTo(WAIT);
            }
        }
    }

    @Test
    void aFullDiskWithoutAFailureIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> FullDisk.decide(0, 1, 0, NOW, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> FullDisk.decide(0, 0, 0, NOW, 1));
    }

    // ---- what counts as a full disk

    static Arguments[] errors() {
        return new Arguments[] {
                row("a write: ENOSPC", new IOException("No space left on device"), true),
                row("a quota: EDQUOT", new IOException("Disk quota exceeded"), true),
                row("a link or rename: the reason of a FileSystemException",
                        new FileSystemException("/f/.foldersync/tmp/stage-1.tmp", "/f/a.txt", "No space left on device"), true),
                row("wrapped as the cause", new UncheckedIOException(new IOException("No space left on device")), true),
                row("suppressed by the failure it caused", suppressing(new IOException("No space left on device")), true),
                row("a permission error", new AccessDeniedException("/f/a.txt"), false),
                row("a directory in the way", new IOException("a directory is in the way at a.txt"), false),
                row("no message", new IOException(), false),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void tellsAFullDiskFromOtherTrouble(String description, Throwable error, boolean full) {
        assertThat(FullDisk.isFull(error)).isEqualTo(full);
    }

    @Test
    void aCauseLoopEnds() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);
        assertThat(FullDisk.isFull(a)).isFalse();
        assertThat(FullDisk.isFull(null)).isFalse();
    }

    private static Throwable suppressing(Throwable cause) {
        IOException closing = new IOException("could not close");
        closing.addSuppressed(cause);
        return closing;
    }
}
