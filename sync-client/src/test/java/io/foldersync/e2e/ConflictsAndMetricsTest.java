package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.read;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import io.foldersync.server.web.Http;

/**
 * What an operator sees of real traffic: the Prometheus meters move after a sync, and a
 * provoked conflict shows in {@code /api/conflicts} with the losing content served back.
 */
class ConflictsAndMetricsTest {

    @TempDir
    Path base;

    SyncCluster cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void prometheusShowsTheMetersMovedAfterASync() throws IOException {
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        write(docs.resolve("one.txt"), "one\n");
        write(docs.resolve("two.txt"), "two two\n");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(alpha.folder())).isEqualTo(tree(docs)));
        int server = cluster.server().httpPort();
        int client = alpha.httpPort();

        write(docs.resolve("three.txt"), "three\n");
        await().atMost(CONVERGE).until(() -> Files.exists(alpha.folder().resolve("three.txt")));
        Files.move(docs.resolve("three.txt"), docs.resolve("moved.txt"));
        await().atMost(CONVERGE).until(() -> Files.exists(alpha.folder().resolve("moved.txt")));
        Files.delete(docs.resolve("one.txt"));
        await().atMost(CONVERGE).until(() -> !Files.exists(alpha.folder().resolve("one.txt")));
        write(alpha.folder().resolve("two.txt"), "two edited on the client\n");
        await().atMost(CONVERGE).until(() -> read(docs.resolve("two.txt")).equals("two edited on the client\n"));

        await().atMost(CONVERGE).untilAsserted(() -> {
            String metrics = Http.get(server, "/actuator/prometheus", null).body();
            assertThat(Http.sample(metrics, "foldersync_files_transferred_total", "direction=\"out\""))
                    .isGreaterThanOrEqualTo(3);
            assertThat(Http.sample(metrics, "foldersync_bytes_transferred_bytes_total", "direction=\"out\""))
                    .isGreaterThanOrEqualTo(4 + 8 + 6);
            assertThat(Http.sample(metrics, "foldersync_files_transferred_total", "direction=\"in\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(Http.sample(metrics, "foldersync_moves_total")).isGreaterThanOrEqualTo(1);
            assertThat(Http.sample(metrics, "foldersync_deletes_total")).isGreaterThanOrEqualTo(1);
            assertThat(Http.sample(metrics, "foldersync_clients_connected")).isEqualTo(1);
            assertThat(Http.sample(metrics, "foldersync_files_tracked")).isEqualTo(2);
            assertThat(Http.sample(metrics, "foldersync_reconcile_duration_seconds_count")).isGreaterThanOrEqualTo(1);
        });
        await().atMost(CONVERGE).untilAsserted(() -> {
            String metrics = Http.get(client, "/actuator/prometheus", null).body();
            assertThat(Http.sample(metrics, "foldersync_files_transferred_total", "direction=\"in\""))
                    .isGreaterThanOrEqualTo(3);
            assertThat(Http.sample(metrics, "foldersync_files_transferred_total", "direction=\"out\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(Http.sample(metrics, "foldersync_clients_connected")).isEqualTo(1);
            assertThat(Http.sample(metrics, "foldersync_files_tracked")).isEqualTo(2);
        });
    }

    @Test
    void aProvokedConflictIsListedAndItsLosingContentServedBack() throws IOException {
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        write(docs.resolve("c.txt"), "base\n");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        Path local = alpha.folder();
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(local)).isEqualTo(tree(docs)));
        int server = cluster.server().httpPort();
        assertThat(Http.get(server, "/api/conflicts", ADMIN_TOKEN).json().size()).isZero();

        // both sides change c.txt while apart; the client's version is newer and wins
        alpha.stop();
        long now = System.currentTimeMillis();
        write(docs.resolve("c.txt"), "changed on the server\n");
        Files.setLastModifiedTime(docs.resolve("c.txt"), FileTime.fromMillis(now - Duration.ofHours(1).toMillis()));
        write(local.resolve("c.txt"), "changed on the client\n");
        Files.setLastModifiedTime(local.resolve("c.txt"), FileTime.fromMillis(now));
        cluster.startClient("alpha");

        await().atMost(CONVERGE).until(() -> read(docs.resolve("c.txt")).equals("changed on the client\n"));
        JsonNode conflicts = Http.get(server, "/api/conflicts", ADMIN_TOKEN).json();
        assertThat(conflicts.size()).isEqualTo(1);
        JsonNode kept = conflicts.get(0);
        assertThat(kept.get("path").asString()).isEqualTo("c.txt");
        assertThat(kept.get("folder").asString()).isEqualTo("docs");
        assertThat(kept.get("origin").asString()).isEqualTo("server");
        assertThat(kept.get("winner").asString()).isEqualTo("alpha");
        assertThat(kept.get("size").asLong()).isEqualTo("changed on the server\n".length());
        assertThat(kept.get("time").asString()).endsWith("Z");

        Http.Response content = Http.get(server, "/api/conflicts/" + kept.get("id").asLong(), ADMIN_TOKEN);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.contentType()).startsWith("text/plain");
        assertThat(content.body()).isEqualTo("changed on the server\n");

        JsonNode sync = Http.get(server, "/actuator/sync", ADMIN_TOKEN).json();
        assertThat(sync.get("conflicts").asInt()).isEqualTo(1);
        assertThat(sync.get("conflictVersions").get(0).get("id").asLong()).isEqualTo(kept.get("id").asLong());
        String metrics = Http.get(server, "/actuator/prometheus", null).body();
        assertThat(Http.sample(metrics, "foldersync_conflicts_total")).isGreaterThanOrEqualTo(1);
    }
}
