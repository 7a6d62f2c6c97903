package io.foldersync.bench.cases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.foldersync.bench.data.DataSet;
import io.foldersync.bench.data.Manifest;
import io.foldersync.bench.data.TextGenerator;
import io.foldersync.bench.product.Pair;
import io.foldersync.bench.product.ProductNode;
import io.foldersync.bench.report.Figure;
import io.foldersync.bench.report.Row;
import io.foldersync.bench.report.Target;

/**
 * Case 6's file: one 1 GiB text file synchronised to a new client while both JVMs have
 * {@code -Xmx256m}, checked byte for byte (SHA-256 of the whole file) and for an
 * {@code OutOfMemoryError} in either log. The peak heaps of both sides over the whole run are added
 * to the table at its end.
 */
final class LargeFileScenario implements Scenario {

    static final String FILE = "huge/Everything.md";

    /** Source, rsync's copy, the client's copy, and the product's spool of it while it arrives. */
    private static final int COPIES_ON_DISK = 4;

    @Override
    public Set<String> cases() {
        return Set.of("6");
    }

    @Override
    public String title() {
        return "6: one large file with " + ProductNode.HEAP + " on both sides";
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        Sizes sizes = ctx.sizes();
        long size = sizes.hugeFile();
        String label = Labels.size(size);
        long free = Files.getFileStore(ctx.workDir()).getUsableSpace();
        if (free < COPIES_ON_DISK * size) {
            throw new IllegalStateException(String.format("case 6 needs %,d MiB free in %s, there are %,d MiB",
                    COPIES_ON_DISK * size >> 20, ctx.workDir(), free >> 20));
        }
        Path dir = ctx.caseDir("large");
        Path serverFolder = dir.resolve("server");
        ctx.progress("6: writing a %s text file", label);
        Manifest manifest = DataSet.write(serverFolder,
                List.of(new DataSet.FileSpec(FILE, size, TextGenerator.Kind.PROSE, ctx.seed() + 6)), ctx.text());

        ctx.progress("6: rsync -a");
        Path rsDest = dir.resolve("rs-dest");
        RsyncCopy.Result rs = RsyncCopy.timed(ctx, "large/server/", rsDest, List.of("-a"), manifest, 1, sizes.hugeTimeout());
        ctx.cleanUp(rsDest);

        ctx.progress("6: foldersync");
        Pair pair = ctx.pair(dir, serverFolder);
        try {
            OurFirstSync.Result first = OurFirstSync.run(ctx, pair, manifest, sizes.hugeTimeout());
            boolean outOfMemory = pair.ranOutOfMemory();
            boolean exact = first.outcome().converged() && !outOfMemory;
            ctx.row(new Row("6", label + " file, " + ProductNode.HEAP + " on both sides: synchronised byte-exact",
                    Figure.yes(exact), Figure.notApplicable(), Target.yes("yes")));
            ctx.row(new Row("6", "  " + label + " file: handshake to in place", first.outcome().converged()
                    ? Figure.seconds(first.seconds()) : Figure.moreThanSeconds(first.seconds()),
                    Figure.seconds(rs.medianSeconds()), Target.info()));
            ctx.note("6: " + (first.outcome().converged() ? "SHA-256 of the client's copy equals the server's"
                    : first.outcome().problem()) + (outOfMemory ? "; an OutOfMemoryError was logged" : ""));
        }
        finally {
            ctx.finished(pair, "6");
            ctx.cleanUp(dir);
        }
    }
}
