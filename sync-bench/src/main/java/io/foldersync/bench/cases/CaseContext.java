package io.foldersync.bench.cases;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.foldersync.bench.data.TextGenerator;
import io.foldersync.bench.data.Trees;
import io.foldersync.bench.product.Pair;
import io.foldersync.bench.report.Row;
import io.foldersync.bench.rsync.RsyncDaemon;
import io.foldersync.bench.support.Processes;
import io.foldersync.bench.wire.Relay;

/** What the cases share: sizes, data, the rsync daemon, the jars, and what they report. */
public final class CaseContext {

    /** The peak heap of one side over the run, and the case it was reached in. */
    public record HeapPeak(long bytes, String caseId) {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Sizes sizes;

    private final Path workDir;

    private final Path serverJar;

    private final Path clientJar;

    private final boolean tls;

    private final long seed;

    private final TextGenerator text;

    private final RsyncDaemon rsync;

    private final PrintStream out;

    private final boolean keep;

    private final List<Row> rows = new ArrayList<>();

    private final List<String> notes = new ArrayList<>();

    private final Set<Relay.Transport> transports = EnumSet.noneOf(Relay.Transport.class);

    private HeapPeak serverHeap = new HeapPeak(-1, "");

    private HeapPeak clientHeap = new HeapPeak(-1, "");

    private HeapPeak serverLive = new HeapPeak(-1, "");

    private HeapPeak clientLive = new HeapPeak(-1, "");

    public CaseContext(Sizes sizes, Path workDir, Path serverJar, Path clientJar, boolean tls, long seed, RsyncDaemon rsync,
            PrintStream out, boolean keep) {
        this.sizes = sizes;
        this.workDir = workDir;
        this.serverJar = serverJar;
        this.clientJar = clientJar;
        this.tls = tls;
        this.seed = seed;
        this.text = new TextGenerator(seed);
        this.rsync = rsync;
        this.out = out;
        this.keep = keep;
    }

    public Sizes sizes() {
        return sizes;
    }

    public long seed() {
        return seed;
    }

    public TextGenerator text() {
        return text;
    }

    public RsyncDaemon rsync() {
        return rsync;
    }

    public Path workDir() {
        return workDir;
    }

    /** A fresh directory for a case under the work directory. */
    Path caseDir(String name) throws IOException {
        Path dir = workDir.resolve(name);
        Trees.delete(dir);
        return Files.createDirectories(dir);
    }

    /** A server on {@code serverFolder} and a client mirroring into {@code <dir>/client}. */
    Pair pair(Path dir, Path serverFolder) {
        return new Pair(new Pair.Setup(serverJar, clientJar, dir, serverFolder, dir.resolve("client"), tls));
    }

    /** Records what a pair's processes showed (heap peaks, the transport on its wire) and stops it. */
    void finished(Pair pair, String caseId) {
        pair.close();
        serverHeap = larger(serverHeap, pair.peakHeap(true), caseId);
        clientHeap = larger(clientHeap, pair.peakHeap(false), caseId);
        serverLive = larger(serverLive, pair.peakHeapAfterGc(true), caseId);
        clientLive = larger(clientLive, pair.peakHeapAfterGc(false), caseId);
        if (pair.relay() != null && pair.relay().transport() != Relay.Transport.NONE_YET) {
            transports.add(pair.relay().transport());
        }
    }

    private static HeapPeak larger(HeapPeak peak, long bytes, String caseId) {
        return bytes > peak.bytes() ? new HeapPeak(bytes, caseId) : peak;
    }

    /** Deletes a case's data once measured (a full run writes several GB), unless --keep. */
    void cleanUp(Path dir) throws IOException {
        if (!keep) {
            Trees.delete(dir);
        }
    }

    public HeapPeak serverHeap() {
        return serverHeap;
    }

    public HeapPeak clientHeap() {
        return clientHeap;
    }

    public HeapPeak serverLive() {
        return serverLive;
    }

    public HeapPeak clientLive() {
        return clientLive;
    }

    public Set<Relay.Transport> transports() {
        return transports;
    }

    public void row(Row row) {
        rows.add(row);
        progress("  %s  %s: foldersync %s, rsync %s %s", row.id(), row.what(), row.ours().format(), row.rsync().format(),
                row.verdict().label());
    }

    public void note(String note) {
        notes.add(note);
        progress("  note: %s", note);
    }

    public List<Row> rows() {
        return rows;
    }

    public List<String> notes() {
        return notes;
    }

    public void progress(String format, Object... args) {
        out.println("[" + LocalTime.now().format(CLOCK) + "] " + String.format(format, args));
        out.flush();
    }

    /**
     * Writes every dirty page to disk ({@code sync}), so a timed run starts without another run's (or
     * the data generation's) writes still pending, and does not pay for them.
     */
    void flushDisks() throws IOException {
        Processes.run(List.of("sync"), 300);
    }
}
