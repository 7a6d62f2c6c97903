package io.foldersync.bench.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.foldersync.bench.data.Comparison;
import io.foldersync.bench.data.DataSet;
import io.foldersync.bench.data.Edits;
import io.foldersync.bench.data.Manifest;
import io.foldersync.bench.product.Convergence;
import io.foldersync.bench.product.Pair;
import io.foldersync.bench.report.Figure;
import io.foldersync.bench.report.Row;
import io.foldersync.bench.report.Target;
import io.foldersync.bench.rsync.RsyncDaemon;
import io.foldersync.bench.support.Deadline;
import io.foldersync.bench.wire.Relay;

/**
 * Case 4: every file of a synced folder of 10,000 changed at once on the server, like a
 * {@code git checkout} of another branch (each file rewritten in place with one line inserted in
 * its middle). Measured from the first write to the last file in place on the client, checked by
 * content; the relay counts the connections, so a reconnect cannot hide.
 */
final class ManyChangesScenario implements Scenario {

    private static final Pattern DISCONNECTED = Pattern.compile("disconnected from the server");

    @Override
    public Set<String> cases() {
        return Set.of("4");
    }

    @Override
    public String title() {
        return "4: many files changed at once on the server";
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        Sizes sizes = ctx.sizes();
        String label = Labels.files(sizes.changedFiles(), sizes.changedMean());
        Path dir = ctx.caseDir("changes");
        Path serverFolder = dir.resolve("server");
        Path rsSource = dir.resolve("rs-source");
        Path rsDest = dir.resolve("rs-dest");
        ctx.progress("4: writing %s twice (foldersync's server folder, rsync's source)", label);
        List<DataSet.FileSpec> files = DataSet.files(sizes.changedFiles(), sizes.changedMean(), ctx.seed() + 4);
        Manifest base = DataSet.write(serverFolder, files, ctx.text());
        DataSet.write(rsSource, files, ctx.text());
        RsyncCopy.Result rsBase = RsyncCopy.timed(ctx, "changes/rs-source/", rsDest, List.of("-a"), base, 1,
                sizes.firstSyncTimeout());

        ctx.progress("4: foldersync first sync (set-up)");
        Pair pair = ctx.pair(dir, serverFolder);
        try {
            OurFirstSync.Result first = OurFirstSync.run(ctx, pair, base, sizes.manyTimeout());
            ctx.row(new Row("4", "  set-up: first sync of " + label + " (for scale)",
                    first.outcome().converged() ? Figure.seconds(first.seconds()) : Figure.moreThanSeconds(first.seconds()),
                    Figure.seconds(rsBase.medianSeconds()), Target.info()));
            if (!first.outcome().converged()) {
                throw new IllegalStateException("the first sync that sets up case 4 did not converge: "
                        + first.outcome().problem());
            }
            Relay relay = pair.relay();
            Convergence.awaitQuiet(relay, Duration.ofSeconds(2), Deadline.in(Duration.ofSeconds(60)));
            long disconnectsBefore = pair.client().log().count(DISCONNECTED);

            ctx.progress("4: changing all %,d files on the server", base.count());
            Relay.Counts before = relay.counts();
            Instant start = Instant.now();
            Manifest changed = change(serverFolder, base);
            double writing = seconds(start, Instant.now());
            Convergence.Outcome outcome = Convergence.await(changed, pair.clientFolder(), relay,
                    Deadline.in(sizes.stepTimeout()), pair.server(), pair.client());
            Relay.Counts used = relay.counts().minus(before);
            long disconnects = pair.client().log().count(DISCONNECTED) - disconnectsBefore;
            double ours = outcome.secondsSince(start);

            ctx.progress("4: rsync -a of the same change");
            Manifest rsChanged = change(rsSource, base);
            if (!rsChanged.entries().equals(changed.entries())) {
                throw new IllegalStateException("rsync's source did not get the same change");
            }
            ctx.flushDisks();
            RsyncDaemon.Run rs = ctx.rsync().run(List.of("-a"), ctx.rsync().url("changes/rs-source/"), rsDest + "/",
                    sizes.stepTimeout());
            Comparison rsCheck = Comparison.byContent(changed, rsDest);
            if (!rsCheck.equal()) {
                throw new IllegalStateException("rsync's copy after the change: " + rsCheck.describe());
            }

            ctx.row(new Row("4", String.format("%,d files changed at once on the server: to converged", base.count()),
                    outcome.converged() ? Figure.seconds(ours) : Figure.moreThanSeconds(ours),
                    Figure.seconds(rs.elapsedSeconds()), Target.atMost(20, "≤ 20 s")));
            ctx.row(new Row("4", "  reconnects meanwhile", Figure.count(used.connections()), Figure.notApplicable(),
                    Target.atMost(0, "none")));
            ctx.note(String.format("4: the changes took %.2f s to write (in place, one line inserted per file); foldersync"
                    + " moved up %,d / down %,d bytes; %d new connection(s), %d 'disconnected' log line(s)%s; rsync -a"
                    + " (delta against its copy) %,d bytes", writing, used.up(), used.down(), used.connections(),
                    disconnects, outcome.converged() ? "" : "; " + outcome.problem(), rs.stats().total()));
        }
        finally {
            ctx.finished(pair, "4");
            ctx.cleanUp(dir);
        }
    }

    /** Inserts a line in the middle of every file, in place, and returns the new manifest. */
    private static Manifest change(Path root, Manifest base) throws IOException {
        Map<String, Manifest.Entry> entries = new TreeMap<>();
        for (String path : base.entries().keySet()) {
            Path file = root.resolve(path);
            byte[] content = Edits.insertLineInMiddle(Files.readAllBytes(file), "    // changed on the other branch");
            entries.put(path, Edits.saveInPlace(file, content));
        }
        return new Manifest(entries);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
