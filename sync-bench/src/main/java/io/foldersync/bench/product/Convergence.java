package io.foldersync.bench.product;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.foldersync.bench.data.Comparison;
import io.foldersync.bench.data.Manifest;
import io.foldersync.bench.support.Deadline;
import io.foldersync.bench.wire.Relay;

/**
 * Waits until a tree holds exactly what a manifest says, checked by content, and says when that
 * happened.
 *
 * <p>How, without loading the machine it measures: a cheap look (one stat per file: paths and
 * sizes) at an interval of ten times what the look costs (at least 200 ms), so the benchmark takes
 * at most a tenth of a core; every file hashed only when the cheap look matches, or when the wire
 * has been quiet for a second (the product may have stopped short of done) and five seconds have
 * passed since the last hashing. When everything matches by content, the moment the tree was done
 * is the latest status change (ctime) of its files: the kernel's record of when the last file was
 * renamed into place or had its time set, independent of how often we looked. It is never taken
 * later than the moment we saw it done.
 */
public final class Convergence {

    private static final Duration MIN_INTERVAL = Duration.ofMillis(200);

    private static final Duration QUIET = Duration.ofSeconds(1);

    private static final Duration FULL_CHECK_EVERY = Duration.ofSeconds(5);

    private Convergence() {
    }

    /**
     * The end of a wait.
     *
     * @param converged whether the tree matched by content before the deadline
     * @param doneAt converged: when the last file was put in place (see the class comment); not converged:
     *        when the wait gave up (before the last look), so the time to it is a lower bound
     * @param seenAt converged: when the benchmark saw it done
     * @param last the last comparison made (by content when converged or timed out)
     * @param problem not converged: why (timed out, a process died)
     */
    public record Outcome(boolean converged, Instant doneAt, Instant seenAt, Comparison last, String problem) {

        /** Seconds from the start to done, or, when not converged, to giving up (a lower bound). */
        public double secondsSince(Instant start) {
            return Duration.between(start, doneAt).toNanos() / 1e9;
        }
    }

    public static Outcome await(Manifest expected, Path tree, Relay relay, Deadline deadline, ProductNode... mustLive)
            throws IOException {
        long lastFull = System.nanoTime();
        while (true) {
            for (ProductNode node : mustLive) {
                if (!node.alive()) {
                    Instant gaveUp = Instant.now();
                    return new Outcome(false, gaveUp, null, Comparison.byContent(expected, tree), node.death());
                }
            }
            long start = System.nanoTime();
            Comparison cheap = Comparison.bySize(expected, tree);
            long look = System.nanoTime() - start;
            boolean quietLongEnough = relay != null && relay.quietFor(QUIET)
                    && System.nanoTime() - lastFull >= FULL_CHECK_EVERY.toNanos();
            if (cheap.equal() || quietLongEnough) {
                Instant seen = Instant.now();
                Comparison full = Comparison.byContent(expected, tree);
                lastFull = System.nanoTime();
                if (full.equal()) {
                    Instant done = full.lastChange() == null || full.lastChange().isAfter(seen) ? seen : full.lastChange();
                    return new Outcome(true, done, seen, full, null);
                }
            }
            if (deadline.passed()) {
                Instant gaveUp = Instant.now();
                Comparison full = Comparison.byContent(expected, tree);
                return new Outcome(false, gaveUp, null, full, "not converged after " + deadline.budget().toSeconds()
                        + " s: " + full.describe());
            }
            deadline.pause(MIN_INTERVAL.compareTo(Duration.ofNanos(look * 10)) > 0 ? MIN_INTERVAL : Duration.ofNanos(look * 10));
        }
    }

    /** Waits until the wire has been quiet for the given time (bounded by the deadline). */
    public static boolean awaitQuiet(Relay relay, Duration quiet, Deadline deadline) {
        while (!relay.quietFor(quiet)) {
            if (deadline.passed()) {
                return false;
            }
            deadline.pause(Duration.ofMillis(50));
        }
        return true;
    }
}
