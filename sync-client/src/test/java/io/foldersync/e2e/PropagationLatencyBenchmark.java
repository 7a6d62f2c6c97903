package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.read;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the foundation's latency target: each kind of server-side change is visible on the
 * client in under 1 s at p99 on loopback. Run with {@code ./mvnw -B verify -Pbenchmark}; the
 * results are printed and written to {@code sync-client/target/benchmark/latency.txt}.
 */
@Tag("benchmark")
class PropagationLatencyBenchmark {

    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 100);

    @TempDir
    Path base;

    @Test
    void everyKindOfServerChangeReachesTheClientWithinOneSecondAtP99() throws Exception {
        try (SyncCluster cluster = SyncCluster.create(base, "docs")) {
            cluster.startServer();
            Path server = cluster.serverFolder();
            Path client = cluster.startClient("bench").folder();
            await().atMost(SyncCluster.CONVERGE).until(() -> cluster.client("bench").connected());
            Map<String, List<Long>> latencies = new LinkedHashMap<>();
            for (String kind : List.of("create", "modify", "rename", "move-dir", "delete")) {
                latencies.put(kind, new ArrayList<>());
            }
            for (int round = 0; round < ROUNDS; round++) {
                int i = round;
                String name = "f" + i + ".txt";
                Path dir = server.resolve("d" + i);
                latencies.get("create").add(measure(() -> write(dir.resolve(name), "v1 " + i),
                        () -> Files.exists(client.resolve("d" + i).resolve(name))));
                latencies.get("modify").add(measure(() -> write(dir.resolve(name), "v2 " + i),
                        () -> contentIs(client.resolve("d" + i).resolve(name), "v2 " + i)));
                latencies.get("rename").add(measure(() -> Files.move(dir.resolve(name), dir.resolve("r" + name)),
                        () -> Files.exists(client.resolve("d" + i).resolve("r" + name))
                                && !Files.exists(client.resolve("d" + i).resolve(name))));
                latencies.get("move-dir").add(measure(() -> Files.move(dir, server.resolve("m" + i)),
                        () -> Files.exists(client.resolve("m" + i).resolve("r" + name))));
                latencies.get("delete").add(measure(() -> Files.delete(server.resolve("m" + i).resolve("r" + name)),
                        () -> !Files.exists(client.resolve("m" + i).resolve("r" + name))));
            }
            StringBuilder report = new StringBuilder("propagation latency, server -> client on loopback, " + ROUNDS
                    + " rounds (ms)\n");
            latencies.forEach((kind, values) -> report.append(String.format("%-9s p50=%4d p90=%4d p99=%4d max=%4d%n",
                    kind, percentile(values, 50), percentile(values, 90), percentile(values, 99), Collections.max(values))));
            System.out.print(report);
            Path out = Path.of("target", "benchmark", "latency.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            latencies.forEach((kind, values) -> assertThat(percentile(values, 99)).as(kind + " p99 ms").isLessThan(1000));
        }
    }

    interface Action {
        void run() throws IOException;
    }

    private static long measure(Action action, Callable<Boolean> visible) throws IOException {
        long start = System.nanoTime();
        action.run();
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).until(visible);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static boolean contentIs(Path file, String content) {
        try {
            return Files.exists(file) && read(file).equals(content);
        }
        catch (RuntimeException e) {
            return false;
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
