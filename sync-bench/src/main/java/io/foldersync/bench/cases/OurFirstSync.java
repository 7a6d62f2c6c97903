package io.foldersync.bench.cases;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import io.foldersync.bench.data.Comparison;
import io.foldersync.bench.data.DirtyPages;
import io.foldersync.bench.data.Manifest;
import io.foldersync.bench.product.Convergence;
import io.foldersync.bench.product.LiveHeap;
import io.foldersync.bench.product.Pair;
import io.foldersync.bench.support.Deadline;

/**
 * foldersync's side of a first sync: the server started on the data and left to index it (a server
 * that has been running), then a client with an empty folder and no state; timed from the client's
 * completed handshake to the last file in place, checked by content. JVM start-up is measured apart.
 */
final class OurFirstSync {

    /** Time for a JVM to start and a Spring context to come up, on top of a case's own budget. */
    static final Duration START_UP = Duration.ofSeconds(120);

    /** Looks run before the client starts: enough for the C2 compiler to take the look's loop (thousands of files each). */
    private static final int WARM_UP_LOOKS = 20;

    /**
     * @param unflushedAtDone bytes of the client's copy not yet on disk right after convergence was seen, when known
     * @param liveHeap the largest live heap of the server and of the client during the sync (sampled
     *        only with BENCH_LIVE_HEAP set, see {@link LiveHeap}), or null
     */
    record Result(Pair.ServerStart server, Pair.ClientStart client, Convergence.Outcome outcome,
            OptionalLong unflushedAtDone, long[] liveHeap) {

        /** Handshake to last file in place; a lower bound when not converged. */
        double seconds() {
            return outcome.secondsSince(client.handshakeAt());
        }
    }

    private OurFirstSync() {
    }

    static Result run(CaseContext ctx, Pair pair, Manifest manifest, Duration timeout) throws IOException {
        ctx.flushDisks();
        Pair.ServerStart server = pair.startServer(manifest.count(), Deadline.in(START_UP.plus(timeout)));
        ctx.progress("  server up: listening %.1f s after launch, %,d files indexed after %.1f s",
                seconds(server.launchedAt(), server.listeningAt()), manifest.count(),
                seconds(server.launchedAt(), server.indexedAt()));
        warmUp(manifest, pair);
        ctx.flushDisks();
        Pair.ClientStart client = pair.startClient(Deadline.in(START_UP));
        ctx.progress("  client connected %.1f s after launch; waiting for %,d files (at most %d s)",
                client.startUp().toNanos() / 1e9, manifest.count(), timeout.toSeconds());
        LiveHeap live = LiveHeap.startIfAsked(Duration.ofSeconds(3), pair.server().pid(), pair.client().pid());
        Convergence.Outcome outcome;
        try {
            outcome = Convergence.await(manifest, pair.clientFolder(), pair.relay(), Deadline.in(timeout), pair.server(),
                    pair.client());
        }
        finally {
            if (live != null) {
                live.close();
            }
        }
        OptionalLong unflushed = outcome.converged() ? DirtyPages.unflushedBytes(pair.clientFolder()) : OptionalLong.empty();
        return new Result(server, client, outcome, unflushed, live == null ? null : new long[] { live.peak(0), live.peak(1) });
    }

    /**
     * Runs the cheap look the wait repeats until this JVM has compiled it, on the server's folder (which
     * holds what the manifest says). Otherwise the harness's own JIT compiler works during the timed
     * window, on the same 2 cores as the product: about 1.2 CPU-seconds in a 6 s first sync, measured
     * per thread. rsync's runs have no such cost (the harness only waits for the process to exit).
     */
    private static void warmUp(Manifest manifest, Pair pair) throws IOException {
        for (int i = 0; i < WARM_UP_LOOKS; i++) {
            Comparison.bySize(manifest, pair.serverFolder());
        }
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
