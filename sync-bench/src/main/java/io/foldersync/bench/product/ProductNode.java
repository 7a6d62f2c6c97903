package io.foldersync.bench.product;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.foldersync.bench.support.Processes;

/**
 * One foldersync server or client running as its own JVM from its executable jar, with the heap
 * the issue sets ({@code -Xmx256m}), its output in a log file and its GC log beside it.
 */
public final class ProductNode implements AutoCloseable {

    /** The heap both sides get: the "flat memory" bound. */
    public static final String HEAP = "-Xmx256m";

    /**
     * The JVM options of the README's launch commands (and of the Docker images): no {@code hsperfdata}
     * sampling. Why: src-docs/decisions.md, "The JVM options of the documented launch". The benchmark
     * starts the products the way users are told to.
     */
    public static final List<String> README_JVM_OPTIONS = List.of("-XX:-UsePerfData");

    private static final Pattern OUT_OF_MEMORY = Pattern.compile("OutOfMemoryError");

    private static final long STOP_GRACE_SECONDS = 30;

    private final String label;

    private final Process process;

    private final Instant launchedAt;

    private final LogWatch log;

    private final Actuator actuator;

    private final HeapWatch heap;

    private Integer exitCode;


    private ProductNode(String label, Process process, Instant launchedAt, LogWatch log, Actuator actuator, HeapWatch heap) {
        this.label = label;
        this.process = process;
        this.launchedAt = launchedAt;
        this.log = log;
        this.actuator = actuator;
        this.heap = heap;
    }

    /**
     * Launches {@code java -Xmx256m <README_JVM_OPTIONS> -Xlog:gc:file=<dir>/<label>-gc.log -jar <jar> <properties>} with
     * its output in {@code <dir>/<label>.log}.
     */
    static ProductNode launch(String label, Path jar, Path dir, List<String> properties, int httpPort, String adminToken)
            throws IOException {
        Path logFile = dir.resolve(label + ".log");
        Path gcLog = dir.resolve(label + "-gc.log");
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add(HEAP);
        command.addAll(README_JVM_OPTIONS);
        command.add("-Xlog:gc:file=" + gcLog);
        // BENCH_JVM_OPTS: extra options for both products, e.g. a profiler, {label} standing for the
        // node's label (-XX:StartFlightRecording=filename=/tmp/{label}.jfr,settings=profile); unset in a measured run
        String extra = System.getenv("BENCH_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().replace("{label}", label).split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(properties);
        Instant launchedAt = Instant.now();
        Process process = Processes.start(command, logFile, dir);
        Actuator actuator = new Actuator(httpPort, adminToken);
        return new ProductNode(label, process, launchedAt, new LogWatch(logFile), actuator, new HeapWatch(actuator, gcLog));
    }

    /** The same Java runtime as the benchmark's. */
    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public String label() {
        return label;
    }

    public long pid() {
        return process.pid();
    }

    public Instant launchedAt() {
        return launchedAt;
    }

    public LogWatch log() {
        return log;
    }

    public Actuator actuator() {
        return actuator;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** CPU time used so far (user + system), from the operating system. */
    public Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public long peakHeapBytes() {
        return heap.peakBytes();
    }

    public long peakHeapAfterGcBytes() {
        return heap.peakAfterGcBytes();
    }

    public boolean ranOutOfMemory() throws IOException {
        return log.count(OUT_OF_MEMORY) > 0;
    }

    /** Why it is not running, with the end of its log; for error messages. */
    public String death() throws IOException {
        return label + " exited (code " + (process.isAlive() ? "none, still running" : process.exitValue()) + "); "
                + "the end of " + log.file() + ":\n  " + String.join("\n  ", log.tail(15));
    }

    /** Stops it like an operator would (SIGTERM, Spring shuts down cleanly), killing it after 30 s. */
    public void stop() {
        if (exitCode == null) {
            if (process.isAlive()) {
                heap.sampleAtEnd();
            }
            exitCode = Processes.stop(process, STOP_GRACE_SECONDS);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
