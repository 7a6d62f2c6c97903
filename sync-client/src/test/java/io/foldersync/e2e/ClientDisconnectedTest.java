package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import io.foldersync.server.web.Http;

/** A client whose server went away: health OUT_OF_SERVICE (503) and since when, folder requests 503 in JSON. */
class ClientDisconnectedTest {

    @TempDir
    Path base;

    SyncCluster cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void reportsTheLostConnectionAndRefusesFolderRequestsWith503() {
        cluster = SyncCluster.create(base, "docs");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        await().atMost(CONVERGE).until(alpha::connected);
        int port = alpha.httpPort();
        cluster.server().stop();
        await().atMost(CONVERGE).until(() -> !alpha.connected());

        Http.Response anonymous = Http.get(port, "/actuator/health", null);
        assertThat(anonymous.status()).isEqualTo(503);
        assertThat(anonymous.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");

        JsonNode sync = Http.get(port, "/actuator/health", ADMIN_TOKEN).json().get("components").get("sync");
        assertThat(sync.get("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(sync.get("details").get("connected").asBoolean()).isFalse();
        assertThat(Instant.parse(sync.get("details").get("since").asString())).isBeforeOrEqualTo(Instant.now());

        JsonNode report = Http.get(port, "/actuator/sync", ADMIN_TOKEN).json();
        assertThat(report.get("connected").asBoolean()).isFalse();
        assertThat(report.get("connectedSince").isNull()).isTrue();
        assertThat(report.get("disconnectedSince").asString()).endsWith("Z");
        assertThat(report.get("activeFolder").asString()).isEqualTo("docs");

        for (Http.Response response : new Http.Response[] { Http.get(port, "/api/folders", ADMIN_TOKEN),
                Http.put(port, "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"docs\"}") }) {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.json().get("message").asString()).contains("not connected");
        }
    }
}
