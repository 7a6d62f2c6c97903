package io.foldersync.bench.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The end of a bounded wait: nothing in the benchmark waits without one. */
public final class Deadline {

    private final long endNanos;

    private final Duration budget;

    private Deadline(long endNanos, Duration budget) {
        this.endNanos = endNanos;
        this.budget = budget;
    }

    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    public boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    public Duration budget() {
        return budget;
    }

    public Duration left() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** Sleeps for the pause, or less when the deadline comes first. */
    public void pause(Duration pause) {
        long nanos = Math.min(pause.toNanos(), endNanos - System.nanoTime());
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }

    /** Sleeps for the pause: a polling interval in a harness, never a wait for a condition. */
    public static void sleep(Duration pause) {
        LockSupport.parkNanos(pause.toNanos());
    }
}
