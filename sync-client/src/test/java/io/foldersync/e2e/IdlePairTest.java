package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * No loops: once a pair has converged, nothing but heartbeats and reconcile summaries flows.
 * Two intervals of silence must move no file counter on either side and trigger no reconcile
 * on the client (a reconcile would mean the summaries disagree).
 */
class IdlePairTest {

    @TempDir
    Path base;

    @Test
    void anIdlePairExchangesNoFilesOverTwoIntervals() {
        try (SyncCluster cluster = SyncCluster.create(base, "docs")) {
            write(cluster.serverFolder().resolve("a.txt"), "a\n");
            write(cluster.serverFolder().resolve("dir/b.txt"), "b\n");
            cluster.startServer();
            SyncCluster.ClientNode client = cluster.startClient("idle");
            await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(client.folder())).isEqualTo(tree(cluster.serverFolder())));
            // one edit each way, so both directions have been used before going idle
            write(client.folder().resolve("a.txt"), "a edited on the client\n");
            await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(cluster.serverFolder())).isEqualTo(tree(client.folder())));
            await().atMost(CONVERGE).until(() -> client.bean(io.foldersync.client.link.ServerLink.class).pending() == 0);

            double serverOut = cluster.server().counter("foldersync.files.transferred", "direction", "out");
            double serverIn = cluster.server().counter("foldersync.files.transferred", "direction", "in");
            double clientOut = client.counter("foldersync.files.transferred", "direction", "out");
            double clientIn = client.counter("foldersync.files.transferred", "direction", "in");
            long clientReconciles = reconciles(client);

            Duration twoIntervals = Duration.ofSeconds(11);
            await().during(twoIntervals).atMost(twoIntervals.plusSeconds(5)).until(() ->
                    cluster.server().counter("foldersync.files.transferred", "direction", "out") == serverOut
                            && cluster.server().counter("foldersync.files.transferred", "direction", "in") == serverIn
                            && client.counter("foldersync.files.transferred", "direction", "out") == clientOut
                            && client.counter("foldersync.files.transferred", "direction", "in") == clientIn
                            && reconciles(client) == clientReconciles
                            && client.connected());
        }
    }

    private static long reconciles(SyncCluster.ClientNode client) {
        return client.bean(io.micrometer.core.instrument.MeterRegistry.class).get("foldersync.reconcile.duration").timer().count();
    }
}
