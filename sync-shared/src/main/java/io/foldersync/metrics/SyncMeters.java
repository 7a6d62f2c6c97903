package io.foldersync.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Every meter foldersync publishes. Names are dotted here and become {@code foldersync_*} in
 * Prometheus; {@code direction} is {@code in} (received from the peer) or {@code out} (sent).
 */
public class SyncMeters {

    /** Changes older than this when they arrive are reconciles, not propagation. */
    public static final Duration PROPAGATION_WINDOW = Duration.ofMinutes(10);

    private final MeterRegistry registry;

    private final Timer propagation;

    private final Timer reconcile;

    public SyncMeters(MeterRegistry registry) {
        this.registry = registry;
        this.propagation = Timer.builder("foldersync.propagation.latency")
                .description("From a file's modification time on the sender to the write on the receiver (changes up to 10 min old)")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        this.reconcile = Timer.builder("foldersync.reconcile.duration")
                .description("Time of one reconcile (scan + compare + act)")
                .register(registry);
        for (String direction : new String[] { "in", "out" }) {
            files(direction);
            bytes(direction);
            wire(direction);
        }
        deletes();
        moves();
        conflicts();
    }

    public void transferred(String direction, long bytes) {
        files(direction).increment();
        bytes(direction).increment(bytes);
    }

    /** File content that took {@code bytes} on the wire (fewer than the file's when sent as a delta or compressed). */
    public void onWire(String direction, long bytes) {
        wire(direction).increment(bytes);
    }

    public void deleted() {
        deletes().increment();
    }

    public void moved() {
        moves().increment();
    }

    public void conflict() {
        conflicts().increment();
    }

    public void refused(String code) {
        Counter.builder("foldersync.refused").description("Messages refused with an ERROR, by code")
                .tag("code", code).register(registry).increment();
    }

    /** A connection this side refused or closed for a fault of the peer's, by code (an ERROR code, or admission, deadline, TLS). */
    public void connectionRefused(String code) {
        Counter.builder("foldersync.connections.refused")
                .description("Connections refused or closed for a fault of the peer (admission, handshake deadline, TLS, protocol error), by code")
                .tag("code", code).register(registry).increment();
    }

    /**
     * Records the time from a file's modification on the sender to its write here. A file last
     * modified more than {@link #PROPAGATION_WINDOW} ago is an old file caught up by a reconcile,
     * not a change travelling: it would only drown the figure, so it is not recorded.
     */
    public void propagated(long millis) {
        if (millis >= 0 && millis <= PROPAGATION_WINDOW.toMillis()) {
            propagation.record(Duration.ofMillis(millis));
        }
    }

    public void reconciled(Duration took) {
        reconcile.record(took);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    private Counter files(String direction) {
        return Counter.builder("foldersync.files.transferred").description("Files transferred, by direction")
                .tag("direction", direction).register(registry);
    }

    private Counter bytes(String direction) {
        return Counter.builder("foldersync.bytes.transferred").description("Content bytes transferred, by direction")
                .baseUnit("bytes").tag("direction", direction).register(registry);
    }

    private Counter wire(String direction) {
        return Counter.builder("foldersync.wire.bytes")
                .description("File content bytes on the wire, by direction: after delta and compression")
                .baseUnit("bytes").tag("direction", direction).register(registry);
    }

    private Counter deletes() {
        return Counter.builder("foldersync.deletes").description("Files deleted by sync").register(registry);
    }

    private Counter moves() {
        return Counter.builder("foldersync.moves").description("Files moved or renamed by sync").register(registry);
    }

    private Counter conflicts() {
        return Counter.builder("foldersync.conflicts").description("Conflicts decided").register(registry);
    }
}
