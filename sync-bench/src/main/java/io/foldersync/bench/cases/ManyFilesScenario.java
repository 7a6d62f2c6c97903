package io.foldersync.bench.cases;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.foldersync.bench.data.DataSet;
import io.foldersync.bench.data.Manifest;
import io.foldersync.bench.product.Pair;
import io.foldersync.bench.report.Figure;
import io.foldersync.bench.report.Row;
import io.foldersync.bench.report.Target;

/** Case 1b: the first sync of many small files (50,000 of about 2 KB). */
final class ManyFilesScenario implements Scenario {

    @Override
    public Set<String> cases() {
        return Set.of("1b");
    }

    @Override
    public String title() {
        return "1b: first sync of many small files";
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        Sizes sizes = ctx.sizes();
        String label = Labels.files(sizes.manyFiles(), sizes.manyMean());
        Path dir = ctx.caseDir("many");
        Path serverFolder = dir.resolve("server");
        ctx.progress("1b: writing %s of text", label);
        Manifest manifest = DataSet.write(serverFolder, DataSet.files(sizes.manyFiles(), sizes.manyMean(), ctx.seed() + 1),
                ctx.text());

        ctx.progress("1b: rsync -a from the daemon, %d runs", sizes.rsyncRepeats());
        RsyncCopy.Result rs = RsyncCopy.timed(ctx, "many/server/", dir.resolve("rsync-dest"), List.of("-a"), manifest,
                sizes.rsyncRepeats(), sizes.manyTimeout());
        ctx.cleanUp(dir.resolve("rsync-dest"));

        ctx.progress("1b: foldersync");
        Pair pair = ctx.pair(dir, serverFolder);
        try {
            OurFirstSync.Result first = OurFirstSync.run(ctx, pair, manifest, sizes.manyTimeout());
            ctx.row(new Row("1b", "first sync " + label + ": handshake to last file in place",
                    first.outcome().converged() ? Figure.seconds(first.seconds()) : Figure.moreThanSeconds(first.seconds()),
                    Figure.seconds(rs.medianSeconds()), Target.ratioAtMost(2.0)));
            ctx.note(String.format("1b: rsync runs %s s; client start (launch to handshake) %.1f s; server launch to %,d"
                    + " files indexed %.1f s%s", rs.seconds().stream().map(s -> String.format("%.2f", s)).toList(),
                    first.client().startUp().toNanos() / 1e9, manifest.count(),
                    OurFirstSync.seconds(first.server().launchedAt(), first.server().indexedAt()),
                    first.outcome().converged() ? "" : "; " + first.outcome().problem()));
            if (first.liveHeap() != null) {
                ctx.note(String.format("1b: largest live heap during the first sync (BENCH_LIVE_HEAP: a full GC every 3 s,"
                        + " so its time is not comparable): server %.1f MiB, client %.1f MiB",
                        first.liveHeap()[0] / 1048576.0, first.liveHeap()[1] / 1048576.0));
            }
            if (first.outcome().converged()) {
                idle(ctx, pair, sizes);
            }
        }
        finally {
            ctx.finished(pair, "1b");
            ctx.cleanUp(dir);
        }
    }

    /**
     * Issue 8's idle target is for 50,000 files: the pair left alone after the first sync, CPU of both
     * processes over windows long enough to hold the periodic work (heartbeats and summaries every
     * interval). The minute right after the sync still holds what the sync left behind (both JITs
     * compiling the code it ran), which is warm-up rather than idling: it is measured and given as a
     * note. The row is the three minutes after it, each minute also given in the note: the compilers
     * keep finishing now and then for minutes (the code of the periodic work warms up slowly), so one
     * minute alone measured a burst or missed it (0.42 to 1.05 % in runs of the same build). The
     * periodic full scans (server rescan, client disk check) come every {@code foldersync.full-scan-interval}
     * (30 min): BENCH_IDLE_SECONDS sets the length of each window (see src-docs/benchmark.md).
     */
    private static void idle(CaseContext ctx, Pair pair, Sizes sizes) {
        String override = System.getenv("BENCH_IDLE_SECONDS");
        java.time.Duration window = override != null ? java.time.Duration.ofSeconds(Long.parseLong(override))
                : sizes.idleWindow().multipliedBy(4);
        ctx.progress("3: idle pair over %,d files: settling for %d s, then idle for %d x %d s", sizes.manyFiles(),
                window.toSeconds(), IDLE_WINDOWS, window.toSeconds());
        double settling = cpuPercent(pair, window);
        java.util.List<String> each = new java.util.ArrayList<>();
        double sum = 0;
        for (int i = 0; i < IDLE_WINDOWS; i++) {
            double one = cpuPercent(pair, window);
            each.add(String.format("%.2f %%", one));
            sum += one;
        }
        double idle = sum / IDLE_WINDOWS;
        ctx.row(new Row("3", "  idle pair over " + String.format("%,d", sizes.manyFiles())
                + " files: CPU of both sides (% of one core)", Figure.percent(idle),
                Figure.notApplicable(), Target.below(1.0, "< 1 %")));
        ctx.note(String.format("3: idle CPU over the %d s right after the first sync (both JITs still compiling what "
                + "it ran): %.2f %%; the row is the mean of the %d windows of %d s after that: %s", window.toSeconds(),
                settling, IDLE_WINDOWS, window.toSeconds(), String.join(", ", each)));
    }

    /** How many windows after the settling one the idle row averages. */
    private static final int IDLE_WINDOWS = 3;

    /** CPU time of both processes over {@code window}, in % of one core. */
    private static double cpuPercent(Pair pair, java.time.Duration window) {
        java.time.Duration before = pair.server().cpu().plus(pair.client().cpu());
        long start = System.nanoTime();
        io.foldersync.bench.support.Deadline.sleep(window);
        double elapsed = (System.nanoTime() - start) / 1e9;
        java.time.Duration used = pair.server().cpu().plus(pair.client().cpu()).minus(before);
        return used.toNanos() / 1e9 / elapsed * 100;
    }
}
