package io.foldersync.client.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.foldersync.reconcile.SummaryCheck.SinceLastReconcile;

/** When a SUMMARY may skip asking for the manifest again: only for exactly what the last reconcile started from. */
class LastReconcileTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final LastReconcile last = new LastReconcile();

    @Test
    void beforeAnyReconcileEverythingIsAChange() {
        assertThat(last.since("docs", "S", "C", 0, 0)).isEqualTo(SinceLastReconcile.CHANGED);
    }

    @Test
    void theSameStateWaitsUntilTheWaitRunsOut() {
        last.ended("docs", "S", "C", 7, 0);

        assertThat(last.since("docs", "S", "C", 7, 29 * SECOND)).isEqualTo(SinceLastReconcile.UNCHANGED);
        assertThat(last.since("docs", "S", "C", 7, 30 * SECOND)).isEqualTo(SinceLastReconcile.UNCHANGED_WAIT_OVER);
    }

    @Test
    void anyInputThatMovedIsAChange() {
        last.ended("docs", "S", "C", 7, 0);

        assertThat(last.since("docs", "S2", "C", 7, SECOND)).as("the server's folder").isEqualTo(SinceLastReconcile.CHANGED);
        assertThat(last.since("docs", "S", "C2", 7, SECOND)).as("this client's bases").isEqualTo(SinceLastReconcile.CHANGED);
        assertThat(last.since("docs", "S", "C", 8, SECOND)).as("a watcher event").isEqualTo(SinceLastReconcile.CHANGED);
        assertThat(last.since("notes", "S", "C", 7, SECOND)).as("another folder").isEqualTo(SinceLastReconcile.CHANGED);
    }

    @Test
    void retriesThatEndTheSameWaitLongerUpToFiveMinutesAndAChangeStartsOver() {
        long now = 0;
        last.ended("docs", "S", "C", 1, now);
        assertThat(last.currentWait()).isEqualTo(Duration.ofSeconds(30));
        for (int seconds : new int[] { 60, 120, 240, 300, 300 }) {
            now += last.currentWait().toNanos();
            last.ended("docs", "S", "C", 1, now);
            assertThat(last.currentWait()).isEqualTo(Duration.ofSeconds(seconds));
        }

        last.ended("docs", "S", "C", 2, now); // the user moved something: the next difference is new trouble

        assertThat(last.currentWait()).isEqualTo(Duration.ofSeconds(30));
    }
}
