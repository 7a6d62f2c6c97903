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

    private final MeterRegistry registry;

    private final Timer propagation;

    private final Timer reconcile;

    public SyncMeters(MeterRegistry registry) {
        this.registry = registry;
        this.propagation = Timer.builder("foldersync.propagation.latency")
                .description("From a file's modification time on the sender to the write on the receiver")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        this.reconcile = Timer.builder("foldersync.reconcile.duration")
                .description("Time of one reconcile (scan + compare + act)")
                .register(registry);
        for (String direction : new String[] { "in", "out" }) {
            files(direction);
            bytes(direction);
        }
        deletes();
        moves();
        conflicts();
    }

    public void transferred(String direction, long bytes) {
        files(direction).increment();
        bytes(direction).increment(bytes);
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

    public void propagated(long millis) {
        if (millis >= 0) {
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
