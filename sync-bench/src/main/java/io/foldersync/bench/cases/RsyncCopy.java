package io.foldersync.bench.cases;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.foldersync.bench.data.Comparison;
import io.foldersync.bench.data.DirtyPages;
import io.foldersync.bench.data.Manifest;
import io.foldersync.bench.data.Trees;
import io.foldersync.bench.rsync.RsyncDaemon;

/** rsync's side of a first sync: {@code rsync -a} from the daemon into an empty directory, timed start to exit. */
final class RsyncCopy {

    /**
     * The runs' figures.
     *
     * @param medianSeconds the median over the runs (each into an emptied directory)
     * @param last the last run (its bytes, its relay count)
     * @param unflushedAfterLast bytes of the copy not yet on disk right after the last run exited, when known
     */
    record Result(double medianSeconds, List<Double> seconds, RsyncDaemon.Run last, OptionalLong unflushedAfterLast) {
    }

    private RsyncCopy() {
    }

    /**
     * Runs {@code rsync <options> --stats <daemon>/<fromRelative> <dest>/} {@code repeats} times into an
     * emptied {@code dest}, the disks flushed before each, and checks by content that the last copy
     * matches the manifest (a wrong copy is an error, not a figure). {@code dest} is left in place.
     */
    static Result timed(CaseContext ctx, String fromRelative, Path dest, List<String> options, Manifest manifest,
            int repeats, Duration timeout) throws IOException {
        List<Double> seconds = new ArrayList<>();
        RsyncDaemon.Run last = null;
        OptionalLong unflushed = OptionalLong.empty();
        for (int i = 0; i < repeats; i++) {
            Trees.delete(dest);
            ctx.flushDisks();
            last = ctx.rsync().run(options, ctx.rsync().url(fromRelative), dest + "/", timeout);
            unflushed = DirtyPages.unflushedBytes(dest);
            seconds.add(last.elapsedSeconds());
        }
        Comparison check = Comparison.byContent(manifest, dest);
        if (!check.equal()) {
            throw new IllegalStateException("rsync's copy does not match the data: " + check.describe());
        }
        return new Result(median(seconds), List.copyOf(seconds), last, unflushed);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
