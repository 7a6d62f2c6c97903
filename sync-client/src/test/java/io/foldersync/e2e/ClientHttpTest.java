package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;

import io.foldersync.server.web.Http;

/**
 * The client's HTTP contract over real HTTP, against a connected client: the admin token guards
 * everything but health and prometheus, the {@code sync} health component and endpoint, and the
 * folder endpoints forwarded to the server.
 */
class ClientHttpTest {

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static SyncCluster.ClientNode alpha;

    static int port;

    @BeforeAll
    static void start() {
        cluster = SyncCluster.create(base, "docs", "notes");
        write(cluster.serverFolder("docs").resolve("one.txt"), "1\n");
        write(cluster.serverFolder("docs").resolve("two/two.txt"), "2\n");
        cluster.startServer();
        alpha = cluster.startClient("alpha");
        port = alpha.httpPort();
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(alpha.folder()))
                .isEqualTo(tree(cluster.serverFolder("docs"))));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @ParameterizedTest(name = "{0} {1} with token \"{2}\"")
    @CsvSource({
            "GET, /actuator/sync, ", "GET, /actuator/sync, wrong-token-0123456789",
            "GET, /actuator, ",
            "GET, /api/folders, ", "GET, /api/folders, wrong-token-0123456789",
            "PUT, /api/folders/active, ", "PUT, /api/folders/active, wrong-token-0123456789",
            "GET, /api/conflicts, " })
    void refusesEverythingButHealthAndPrometheusWithoutTheToken(String method, String path, String token) {
        Http.Response response = method.equals("PUT")
                ? Http.put(port, path, token, "{\"name\":\"notes\"}")
                : Http.get(port, path, token);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(base.toString());
        assertThat(cluster.server().bean(io.foldersync.server.folder.Folders.class).active()).isEqualTo("docs");
    }

    @Test
    void healthWithoutTheTokenShowsOnlyTheStatus() {
        Http.Response response = Http.get(port, "/actuator/health", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
        assertThat(response.json().has("components")).isFalse();
    }

    @Test
    void healthWithTheTokenSaysConnectedAndSinceWhen() {
        Http.Response response = Http.get(port, "/actuator/health", ADMIN_TOKEN);
        JsonNode sync = response.json().get("components").get("sync");
        assertThat(sync.get("status").asString()).isEqualTo("UP");
        assertThat(sync.get("details").get("connected").asBoolean()).isTrue();
        assertThat(Instant.parse(sync.get("details").get("since").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(response.body()).doesNotContain(base.toString());
    }

    @Test
    void syncEndpointReportsTheContractFieldsAndTheConnection() {
        Http.Response response = Http.get(port, "/actuator/sync", ADMIN_TOKEN);
        assertThat(response.status()).isEqualTo(200);
        JsonNode sync = response.json();
        assertThat(sync.get("activeFolder").asString()).isEqualTo("docs");
        assertThat(sync.get("trackedFiles").asInt()).isEqualTo(2);
        assertThat(sync.get("conflicts").asInt()).isZero();
        assertThat(sync.get("lastSyncAt").asString()).endsWith("Z");
        assertThat(sync.get("connected").isBoolean()).isTrue();
        assertThat(sync.get("connected").asBoolean()).isTrue();
        assertThat(Instant.parse(sync.get("connectedSince").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(sync.get("disconnectedSince").isNull()).isTrue();
        assertThat(sync.get("clientId").asString()).isEqualTo("alpha");
        assertThat(sync.get("serverAddress").asString()).contains(String.valueOf(cluster.server().syncPort()));
        assertThat(sync.get("clockOffsetMs").isNumber()).isTrue();
        assertThat(sync.get("pendingUploads").asInt()).isZero();
    }

    @Test
    void listsTheServersFoldersThroughTheConnection() {
        Http.Response response = Http.get(port, "/api/folders", ADMIN_TOKEN);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(
                Http.get(cluster.server().httpPort(), "/api/folders", ADMIN_TOKEN).json());
        assertThat(response.json().get(0).get("name").asString()).isEqualTo("docs");
        assertThat(response.json().get(0).get("active").asBoolean()).isTrue();
    }

    @Test
    void aSwitchWithoutAFolderNameIs400() {
        Http.Response response = Http.put(port, "/api/folders/active", ADMIN_TOKEN, "{}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
    }

    @Test
    void prometheusIsOpenAndShowsTheFoldersyncMeters() {
        Http.Response response = Http.get(port, "/actuator/prometheus", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("foldersync_files_transferred_total", "foldersync_files_tracked",
                "foldersync_clients_connected");
    }
}
