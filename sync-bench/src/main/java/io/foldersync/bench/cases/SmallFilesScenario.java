package io.foldersync.bench.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import io.foldersync.bench.data.Comparison;
import io.foldersync.bench.data.DataSet;
import io.foldersync.bench.data.Manifest;
import io.foldersync.bench.product.Actuator;
import io.foldersync.bench.product.Convergence;
import io.foldersync.bench.product.Pair;
import io.foldersync.bench.report.Figure;
import io.foldersync.bench.report.Row;
import io.foldersync.bench.report.Target;
import io.foldersync.bench.rsync.RsyncDaemon;
import io.foldersync.bench.support.Deadline;
import io.foldersync.bench.wire.Relay;

/**
 * Cases 1a, 3 and 5 on one data set (5,000 files of about 20 KB): the first sync; then the client
 * restarted over the unchanged folder (bytes and time to ready), the idle pair's CPU, and the
 * latency of server-side edits reaching the client.
 */
final class SmallFilesScenario implements Scenario {

    private static final Duration EDIT_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration BETWEEN_EDITS = Duration.ofMillis(100);

    private static final Duration QUIET = Duration.ofSeconds(1);

    @Override
    public Set<String> cases() {
        return Set.of("1a", "3", "5");
    }

    @Override
    public String title() {
        return "1a, 3, 5: first sync of small files, restart, idle, edit latency";
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        Sizes sizes = ctx.sizes();
        String label = Labels.files(sizes.smallFiles(), sizes.smallMean());
        Path dir = ctx.caseDir("small");
        Path serverFolder = dir.resolve("server");
        ctx.progress("1a: writing %s of text (seed %d)", label, ctx.seed());
        Manifest manifest = DataSet.write(serverFolder, DataSet.files(sizes.smallFiles(), sizes.smallMean(), ctx.seed()),
                ctx.text());

        ctx.progress("1a: rsync -a from the daemon, %d runs", sizes.rsyncRepeats());
        Path rsyncDest = dir.resolve("rsync-dest");
        RsyncCopy.Result plain = RsyncCopy.timed(ctx, "small/server/", rsyncDest, List.of("-a"), manifest,
                sizes.rsyncRepeats(), sizes.firstSyncTimeout());
        ctx.progress("1a: rsync -a --fsync, 1 run");
        RsyncCopy.Result durable = RsyncCopy.timed(ctx, "small/server/", rsyncDest, List.of("-a", "--fsync"), manifest, 1,
                sizes.firstSyncTimeout());

        ctx.progress("1a: foldersync");
        Pair pair = ctx.pair(dir, serverFolder);
        try {
            OurFirstSync.Result first = OurFirstSync.run(ctx, pair, manifest, sizes.firstSyncTimeout());
            Figure ours = first.outcome().converged() ? Figure.seconds(first.seconds())
                    : Figure.moreThanSeconds(first.seconds());
            ctx.row(new Row("1a", "first sync " + label + ": handshake to last file in place", ours,
                    Figure.seconds(plain.medianSeconds()), Target.ratioAtMost(1.0)));
            ctx.row(new Row("1a", "  the same against rsync -a --fsync", ours, Figure.seconds(durable.medianSeconds()),
                    Target.info()));
            ctx.row(new Row("1a", "  client start: launch to handshake", Figure.seconds(first.client().startUp().toNanos() / 1e9),
                    Figure.notApplicable(), Target.info()));
            ctx.row(new Row("1a", String.format("  of its %.1f MiB, not yet on disk when done", manifest.totalBytes() / 1048576.0),
                    unflushed(first.unflushedAtDone()), unflushed(plain.unflushedAfterLast()), Target.info()));
            ctx.note(String.format("1a: rsync runs %s s (median taken); rsync wire bytes %,d by the relay, %,d by --stats;"
                    + " server launch to listening %.1f s, to %,d files indexed %.1f s; handshake time from the %s",
                    plain.seconds().stream().map(s -> String.format("%.2f", s)).toList(), plain.last().wire().total(),
                    plain.last().stats().total(), OurFirstSync.seconds(first.server().launchedAt(), first.server().listeningAt()),
                    manifest.count(), OurFirstSync.seconds(first.server().launchedAt(), first.server().indexedAt()),
                    first.client().source()));
            if (!first.outcome().converged()) {
                ctx.note("1a: " + first.outcome().problem());
                ctx.note("3, 5: not measured (they need the first sync of 1a done)");
                return;
            }
            restart(ctx, pair, manifest, rsyncDest);
            latency(ctx, pair, manifest);
            idle(ctx, pair);
        }
        finally {
            ctx.finished(pair, "1a/3/5");
            ctx.cleanUp(dir);
        }
    }

    private static Figure unflushed(OptionalLong bytes) {
        return bytes.isPresent() ? Figure.mebibytes(bytes.getAsLong()) : Figure.notApplicable();
    }

    /** Case 3: the client stopped and started again over the unchanged folder. */
    private void restart(CaseContext ctx, Pair pair, Manifest manifest, Path rsyncDest) throws IOException {
        Sizes sizes = ctx.sizes();
        String label = String.format("%,d", manifest.count());
        ctx.progress("3: rsync -a over the unchanged copy");
        ctx.flushDisks();
        RsyncDaemon.Run again = ctx.rsync().run(List.of("-a"), ctx.rsync().url("small/server/"), rsyncDest + "/",
                sizes.stepTimeout());

        ctx.progress("3: foldersync client restarted");
        Relay relay = pair.relay();
        Convergence.awaitQuiet(relay, Duration.ofSeconds(2), Deadline.in(Duration.ofSeconds(60)));
        pair.stopClient();
        ctx.flushDisks();
        Relay.Counts before = relay.counts();
        Pair.ClientStart start = pair.startClient(Deadline.in(OurFirstSync.START_UP));
        Ready ready = awaitReady(pair, start.handshakeAt(), Deadline.in(sizes.stepTimeout()));
        Relay.Counts used = relay.counts().minus(before);
        Comparison check = Comparison.byContent(manifest, pair.clientFolder());
        boolean good = ready.at() != null && check.equal();
        ctx.row(new Row("3", "restart over " + label + " unchanged files: bytes on the wire",
                Figure.bytes(used.total()), Figure.bytes(again.stats().total()), Target.below(1_000_000, "< 1 MB")));
        ctx.row(new Row("3", "  handshake to ready", good ? Figure.seconds(seconds(start.handshakeAt(), ready.at()))
                : Figure.moreThanSeconds(sizes.stepTimeout().toSeconds()), Figure.seconds(again.elapsedSeconds()),
                Target.below(2.0, "< 2 s")));
        ctx.row(new Row("3", "  launch to ready", good ? Figure.seconds(seconds(start.launchedAt(), ready.at()))
                : Figure.failed(), Figure.seconds(again.elapsedSeconds()), Target.info()));
        ctx.note(String.format("3: ready = %s; bytes up %,d / down %,d, %d connection(s); the folder after it: %s;"
                + " rsync's figures are one `rsync -a` over its unchanged copy", ready.how(), used.up(), used.down(),
                used.connections(), check.describe()));
    }

    /**
     * When a restarted client is ready: it has reported a sync ({@code lastSyncAt}) after the
     * handshake, and the start-up exchange is over (the wire quiet for a second). Ready is the later
     * of the two: the last byte of the exchange, or the end of the client's own work after it.
     */
    private static Ready awaitReady(Pair pair, Instant handshake, Deadline deadline) {
        Instant syncedAt = null;
        Relay relay = pair.relay();
        while (!deadline.passed()) {
            if (syncedAt == null) {
                syncedAt = pair.client().actuator().sync().map(Actuator.SyncState::lastSyncAt)
                        .filter(t -> !t.isBefore(handshake)).orElse(null);
            }
            Instant lastByte = Instant.now().minusNanos(System.nanoTime() - relay.lastByteNanos());
            if (syncedAt != null && relay.quietFor(QUIET)) {
                Instant at = syncedAt.isAfter(lastByte) ? syncedAt : lastByte;
                return new Ready(at, syncedAt.isAfter(lastByte) ? "the client's lastSyncAt (after the exchange's last byte)"
                        : "the last byte of the start-up exchange (after the client's lastSyncAt)");
            }
            if (syncedAt == null && relay.quietFor(Duration.ofSeconds(10))) {
                return new Ready(lastByte, "the last byte of the start-up exchange (the client reported no lastSyncAt)");
            }
            deadline.pause(Duration.ofMillis(50));
        }
        return new Ready(null, "not ready within " + deadline.budget().toSeconds() + " s");
    }

    private record Ready(Instant at, String how) {
    }

    /** The pair left alone: CPU of both processes over the window. */
    private void idle(CaseContext ctx, Pair pair) {
        Duration window = ctx.sizes().idleWindow();
        ctx.progress("3: idle pair for %d s", window.toSeconds());
        Duration before = pair.server().cpu().plus(pair.client().cpu());
        Relay.Counts bytes = pair.relay().counts();
        long start = System.nanoTime();
        Deadline.sleep(window);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Duration used = pair.server().cpu().plus(pair.client().cpu()).minus(before);
        ctx.row(new Row("3", "  idle pair over " + String.format("%,d", ctx.sizes().smallFiles())
                + " files: CPU of both sides (% of one core)", Figure.percent(used.toNanos() / 1e9 / elapsed * 100),
                Figure.notApplicable(), Target.info()));
        ctx.note(String.format("3: idle for %.0f s: %,d bytes on the wire (heartbeats, periodic reconcile)", elapsed,
                pair.relay().counts().minus(bytes).total()));
    }

    /** Case 5: server-side edits, each timed until the client's file has the new content. */
    private void latency(CaseContext ctx, Pair pair, Manifest manifest) throws IOException {
        int edits = Math.min(ctx.sizes().edits(), manifest.count());
        ctx.progress("5: %d server-side edits, each until the client has it", edits);
        List<String> paths = new ArrayList<>(manifest.entries().keySet());
        List<Double> millis = new ArrayList<>();
        int timedOut = 0;
        for (int i = 0; i < edits; i++) {
            String path = paths.get((int) ((long) i * paths.size() / edits));
            Path serverFile = pair.serverFolder().resolve(path);
            Path clientFile = pair.clientFolder().resolve(path);
            byte[] old = Files.readAllBytes(serverFile);
            byte[] edit = ("// edit " + i + " of the latency case\n").getBytes(StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOf(old, old.length + edit.length);
            System.arraycopy(edit, 0, content, old.length, edit.length);
            long start = System.nanoTime();
            Files.write(serverFile, content); // in place, like echo >> file
            while (!Arrays.equals(read(clientFile), content)) {
                if (System.nanoTime() - start > EDIT_TIMEOUT.toNanos()) {
                    timedOut++;
                    break;
                }
                LockSupport.parkNanos(1_000_000);
            }
            millis.add((System.nanoTime() - start) / 1e6);
            if (timedOut >= 3) {
                ctx.note("5: stopped after 3 edits that did not arrive within " + EDIT_TIMEOUT.toSeconds() + " s");
                break;
            }
            Deadline.sleep(BETWEEN_EDITS);
        }
        List<Double> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        Figure p50 = latencyFigure(percentile(sorted, 50));
        Figure p99Figure = latencyFigure(percentile(sorted, 99));
        ctx.row(new Row("5", "edit-to-mirror latency over " + millis.size() + " server edits: p50", p50,
                Figure.notApplicable(), Target.info()));
        ctx.row(new Row("5", "  p99", p99Figure, Figure.notApplicable(), Target.below(200, "< 200 ms")));
        ctx.note(String.format("5: in-place writes of %,d different files 100 ms apart, polled on the client every"
                + " 1 ms; max %.0f ms, %d not arrived within %d s; rsync has no watch mode", millis.size(),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), timedOut, EDIT_TIMEOUT.toSeconds()));
    }

    /** An edit that never arrived counts as the timeout: a percentile that lands on one is a lower bound. */
    private static Figure latencyFigure(double millis) {
        if (Double.isNaN(millis)) {
            return Figure.failed();
        }
        Figure figure = Figure.millis(millis);
        return millis >= EDIT_TIMEOUT.toMillis() ? figure.orMore() : figure;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        }
        catch (NoSuchFileException e) {
            return null;
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
