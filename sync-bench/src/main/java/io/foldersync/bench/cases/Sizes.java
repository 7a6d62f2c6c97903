package io.foldersync.bench.cases;

import java.time.Duration;

/**
 * How big each case is, and how long each may take before it counts as not converged. The full sizes
 * are issue 8's; the quick ones are a smoke check of the harness and the product (a few minutes),
 * whose verdicts against the full-size targets are only indicative.
 *
 * @param smallFiles case 1a (and 3, 5): files of about {@code smallMean} bytes
 * @param manyFiles case 1b: files of about {@code manyMean} bytes
 * @param insertFile case 2: size of the file a line is inserted into
 * @param changedFiles case 4: files of about {@code changedMean} bytes, all changed at once
 * @param edits case 5: edits timed
 * @param hugeFile case 6: size of the one large file
 * @param firstSyncTimeout 1a, and the first syncs that set up cases 2, 4 and 6
 * @param manyTimeout 1b
 * @param stepTimeout restart, one edit converging, 10,000 changes converging
 * @param hugeTimeout case 6
 * @param rsyncRepeats runs of rsync per timed figure (their median); ours runs once
 * @param idleWindow how long the idle pair's CPU is measured
 */
public record Sizes(String name, int smallFiles, int smallMean, int manyFiles, int manyMean, long insertFile,
        int changedFiles, int changedMean, int edits, long hugeFile, Duration firstSyncTimeout, Duration manyTimeout,
        Duration stepTimeout, Duration hugeTimeout, int rsyncRepeats, Duration idleWindow) {

    public static Sizes full() {
        return new Sizes("full", 5_000, 20_000, 50_000, 2_000, 20L << 20, 10_000, 2_000, 100, 1L << 30,
                Duration.ofSeconds(300), Duration.ofSeconds(600), Duration.ofSeconds(300), Duration.ofSeconds(900), 3,
                Duration.ofSeconds(15));
    }

    public static Sizes quick() {
        return new Sizes("quick", 500, 20_000, 2_000, 2_000, 2L << 20, 1_000, 2_000, 20, 64L << 20,
                Duration.ofSeconds(120), Duration.ofSeconds(120), Duration.ofSeconds(120), Duration.ofSeconds(120), 3,
                Duration.ofSeconds(5));
    }

    /** Case 1b with another number of files (BENCH_MANY_FILES=100000 for the scale check). */
    public Sizes withManyFiles(int files) {
        return new Sizes(name, smallFiles, smallMean, files, manyMean, insertFile, changedFiles, changedMean, edits,
                hugeFile, firstSyncTimeout, manyTimeout, stepTimeout, hugeTimeout, rsyncRepeats, idleWindow);
    }

    /** Every timeout multiplied (a slower machine, or the patience to see 50,000 files through). */
    public Sizes scaled(double factor) {
        return new Sizes(name, smallFiles, smallMean, manyFiles, manyMean, insertFile, changedFiles, changedMean, edits,
                hugeFile, scale(firstSyncTimeout, factor), scale(manyTimeout, factor), scale(stepTimeout, factor),
                scale(hugeTimeout, factor), rsyncRepeats, idleWindow);
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }
}
