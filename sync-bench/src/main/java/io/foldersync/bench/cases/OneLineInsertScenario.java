package io.foldersync.bench.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.foldersync.bench.data.DataSet;
import io.foldersync.bench.data.Edits;
import io.foldersync.bench.data.Hashing;
import io.foldersync.bench.data.Manifest;
import io.foldersync.bench.data.TextGenerator;
import io.foldersync.bench.product.Convergence;
import io.foldersync.bench.product.Pair;
import io.foldersync.bench.report.Figure;
import io.foldersync.bench.report.Row;
import io.foldersync.bench.report.Target;
import io.foldersync.bench.rsync.RsyncDaemon;
import io.foldersync.bench.support.Deadline;
import io.foldersync.bench.wire.Relay;

/**
 * Case 2: one line inserted in the middle of a 20 MB text file, first on the server, then on the
 * client; the bytes on the wire both ways for each. Both programs see the same three versions
 * (base, base plus the server's line, that plus the client's line), saved the way an editor saves
 * (a temporary file renamed over the original).
 */
final class OneLineInsertScenario implements Scenario {

    static final String FILE = "big/Generated.java";

    private static final Duration QUIET = Duration.ofSeconds(1);

    @Override
    public Set<String> cases() {
        return Set.of("2");
    }

    @Override
    public String title() {
        return "2: one-line insert in a large file, server edit and client edit";
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        Sizes sizes = ctx.sizes();
        long size = sizes.insertFile();
        String label = Labels.size(size);
        Path dir = ctx.caseDir("insert");
        Path serverFolder = dir.resolve("server");
        Path scratch = dir.resolve("scratch");
        ctx.progress("2: writing a %s text file", label);
        Manifest base = DataSet.write(serverFolder,
                List.of(new DataSet.FileSpec(FILE, size, TextGenerator.Kind.CODE, ctx.seed() + 2)), ctx.text());
        byte[] baseBytes = Files.readAllBytes(serverFolder.resolve(FILE));
        byte[] serverEdit = Edits.insertLineInMiddle(baseBytes, "        // a line the server's user inserted");
        byte[] clientEdit = Edits.insertLineInMiddle(serverEdit, "        // and one the client's user inserted");
        double limit = size * 0.005;
        String target = String.format("< rsync, < 0.5 %% (%,.0f B)", limit);

        ctx.progress("2: rsync");
        Path rsServer = dir.resolve("rs-server");
        Path rsClient = dir.resolve("rs-client");
        for (Path side : List.of(rsServer, rsClient)) {
            Files.createDirectories(side.resolve(FILE).getParent());
            Files.copy(serverFolder.resolve(FILE), side.resolve(FILE), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Edits.saveAtomically(rsServer.resolve(FILE), serverEdit, scratch);
        RsyncDaemon.Run rsPull = ctx.rsync().run(List.of("-a"), ctx.rsync().url("insert/rs-server/"), rsClient + "/",
                sizes.stepTimeout());
        requireEqual(rsClient.resolve(FILE), serverEdit, "rsync's pull");
        Edits.saveAtomically(rsClient.resolve(FILE), clientEdit, scratch);
        RsyncDaemon.Run rsPush = ctx.rsync().run(List.of("-a"), rsClient + "/", ctx.rsync().url("insert/rs-server/"),
                sizes.stepTimeout());
        requireEqual(rsServer.resolve(FILE), clientEdit, "rsync's push");

        ctx.progress("2: foldersync");
        Pair pair = ctx.pair(dir, serverFolder);
        try {
            OurFirstSync.Result first = OurFirstSync.run(ctx, pair, base, sizes.firstSyncTimeout());
            if (!first.outcome().converged()) {
                throw new IllegalStateException("the first sync of the " + label + " file did not converge: "
                        + first.outcome().problem());
            }
            Relay relay = pair.relay();
            Convergence.awaitQuiet(relay, Duration.ofSeconds(2), Deadline.in(Duration.ofSeconds(60)));

            Relay.Counts before = relay.counts();
            Instant editAt = Instant.now();
            Manifest.Entry serverEntry = Edits.saveAtomically(serverFolder.resolve(FILE), serverEdit, scratch);
            Convergence.Outcome down = Convergence.await(new Manifest(Map.of(FILE, serverEntry)), pair.clientFolder(),
                    relay, Deadline.in(sizes.stepTimeout()), pair.server(), pair.client());
            Convergence.awaitQuiet(relay, QUIET, Deadline.in(Duration.ofSeconds(30)));
            Relay.Counts serverEditBytes = relay.counts().minus(before);
            ctx.row(new Row("2a", "one-line insert in " + label + ", server edit: bytes on the wire",
                    down.converged() ? Figure.bytes(serverEditBytes.total()) : Figure.failed(),
                    Figure.bytes(rsPull.stats().total()), Target.belowRsyncAnd(limit, target)));
            ctx.note(String.format("2a: foldersync up %,d / down %,d bytes, mirrored %.2f s after the save%s; rsync pull"
                    + " sent %,d / received %,d (--stats), relay %,d", serverEditBytes.up(), serverEditBytes.down(),
                    down.secondsSince(editAt), down.converged() ? "" : " (" + down.problem() + ")",
                    rsPull.stats().sent(), rsPull.stats().received(), rsPull.wire().total()));

            before = relay.counts();
            editAt = Instant.now();
            Manifest.Entry clientEntry = Edits.saveAtomically(pair.clientFolder().resolve(FILE), clientEdit, scratch);
            Convergence.Outcome up = Convergence.await(new Manifest(Map.of(FILE, clientEntry)), serverFolder, relay,
                    Deadline.in(sizes.stepTimeout()), pair.server(), pair.client());
            Convergence.awaitQuiet(relay, QUIET, Deadline.in(Duration.ofSeconds(30)));
            Relay.Counts clientEditBytes = relay.counts().minus(before);
            ctx.row(new Row("2b", "one-line insert in " + label + ", client edit: bytes on the wire",
                    up.converged() ? Figure.bytes(clientEditBytes.total()) : Figure.failed(),
                    Figure.bytes(rsPush.stats().total()), Target.belowRsyncAnd(limit, target)));
            ctx.note(String.format("2b: foldersync up %,d / down %,d bytes, on the server %.2f s after the save%s; rsync"
                    + " push sent %,d / received %,d (--stats), relay %,d; the window of each includes whatever heartbeat"
                    + " or periodic reconcile fell in it", clientEditBytes.up(), clientEditBytes.down(),
                    up.secondsSince(editAt), up.converged() ? "" : " (" + up.problem() + ")", rsPush.stats().sent(),
                    rsPush.stats().received(), rsPush.wire().total()));
        }
        finally {
            ctx.finished(pair, "2");
            ctx.cleanUp(dir);
        }
    }

    private static void requireEqual(Path file, byte[] content, String what) throws IOException {
        String want = Hashing.sha256(content);
        if (!Hashing.sha256(file).equals(want)) {
            throw new IllegalStateException(what + " did not produce the edited file");
        }
    }
}
