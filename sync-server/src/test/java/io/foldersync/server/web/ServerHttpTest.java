package io.foldersync.server.web;

import static io.foldersync.server.web.TestServer.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.conflict.ConflictPruner;
import io.foldersync.server.conflict.ConflictRecord;
import io.foldersync.server.conflict.ConflictRepository;
import tools.jackson.databind.JsonNode;

/**
 * The server's HTTP contract over real HTTP: the admin token guards everything but health and
 * prometheus, errors are JSON, folders are listed and switched by name, kept conflict versions
 * are listed and served back, and no absolute path leaks without the token.
 */
class ServerHttpTest {

    @TempDir
    static Path base;

    static TestServer server;

    static int port;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(base.resolve("folders/docs"));
        Files.writeString(base.resolve("folders/docs/readme.txt"), "hello\n", StandardCharsets.UTF_8);
        server = new TestServer(base);
        port = server.httpPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1} with token \"{2}\"")
    @CsvSource({
            "GET, /actuator/sync, ", "GET, /actuator/sync, wrong-token-0123456789",
            "GET, /actuator, ", "GET, /actuator/sync, " + ADMIN_TOKEN + "x",
            "GET, /api/folders, ", "GET, /api/folders, wrong-token-0123456789",
            "PUT, /api/folders/active, ", "PUT, /api/folders/active, wrong-token-0123456789",
            "GET, /api/conflicts, ", "GET, /api/conflicts, wrong-token-0123456789",
            "GET, /api/conflicts/1, ", "GET, /api/conflicts/1, wrong-token-0123456789",
            "GET, /api/no-such-thing, " })
    void refusesEverythingButHealthAndPrometheusWithoutTheToken(String method, String path, String token) {
        Http.Response response = method.equals("PUT") ? Http.put(port, path, token, "{\"name\":\"notes\"}")
                : Http.get(port, path, token);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("unauthorized");
        assertThat(response.body()).doesNotContain(base.toString());
        // the refused switch changed nothing
        assertThat(server.bean(io.foldersync.server.folder.Folders.class).active()).isEqualTo("docs");
    }

    @Test
    void healthWithoutTheTokenShowsOnlyTheStatus() {
        Http.Response response = Http.get(port, "/actuator/health", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
        assertThat(response.json().has("components")).isFalse();
        assertThat(response.body()).doesNotContain(base.toString());
    }

    @Test
    void healthWithTheTokenHasTheSyncComponentWithPortAndFolderButNoPath() {
        Http.Response response = Http.get(port, "/actuator/health", ADMIN_TOKEN);
        assertThat(response.status()).isEqualTo(200);
        JsonNode sync = response.json().get("components").get("sync");
        assertThat(sync.get("status").asString()).isEqualTo("UP");
        assertThat(sync.get("details").get("port").asInt()).isEqualTo(server.syncPort());
        assertThat(sync.get("details").get("folder").asString()).isEqualTo(server.bean(
                io.foldersync.server.folder.Folders.class).active());
        assertThat(response.body()).doesNotContain(base.toString());
    }

    @Test
    void prometheusIsOpenAndShowsTheFoldersyncMeters() {
        Http.Response response = Http.get(port, "/actuator/prometheus", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("foldersync_files_transferred_total", "foldersync_bytes_transferred_bytes_total",
                "foldersync_deletes_total", "foldersync_moves_total", "foldersync_conflicts_total",
                "foldersync_clients_connected", "foldersync_files_tracked", "foldersync_reconcile_duration_seconds",
                "foldersync_propagation_latency_seconds");
        assertThat(response.body()).doesNotContain(base.toString());
    }

    @Test
    void syncEndpointReportsTheContractFieldsAndMore() {
        Http.Response response = Http.get(port, "/actuator/sync", ADMIN_TOKEN);
        assertThat(response.status()).isEqualTo(200);
        JsonNode sync = response.json();
        assertThat(sync.get("activeFolder").asString()).isIn("docs", "notes");
        assertThat(sync.get("trackedFiles").isNumber()).isTrue();
        assertThat(sync.get("conflicts").isNumber()).isTrue();
        assertThat(sync.get("connectedClients").isNumber()).isTrue();
        assertThat(sync.get("connectedClients").asInt()).isZero();
        assertThat(Instant.parse(sync.get("lastSyncAt").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(sync.get("lastSyncAt").asString()).endsWith("Z");
        assertThat(sync.get("clients").isArray()).isTrue();
        assertThat(sync.get("conflictVersions").isArray()).isTrue();
        assertThat(sync.get("pendingChanges").asInt()).isZero();
        assertThat(sync.has("folderProblem")).isTrue();
        assertThat(sync.get("folderProblem").isNull()).isTrue();
    }

    @Test
    void listsTheFoldersByNameWithoutPaths() {
        Http.Response response = Http.get(port, "/api/folders", ADMIN_TOKEN);
        assertThat(response.status()).isEqualTo(200);
        JsonNode folders = response.json();
        assertThat(folders.size()).isEqualTo(2);
        assertThat(folders.get(0).get("name").asString()).isEqualTo("docs");
        assertThat(folders.get(1).get("name").asString()).isEqualTo("notes");
        assertThat(folders.get(0).get("active").isBoolean()).isTrue();
        assertThat(folders.get(0).size()).isEqualTo(2); // name and active, nothing else
        assertThat(response.body()).doesNotContain(base.toString());
    }

    @Test
    void anUnknownFolderIs404WithAJsonError() {
        Http.Response response = Http.put(port, "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"nope\"}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
        assertThat(response.json().get("message").asString()).isEqualTo("unknown folder: nope");
    }

    @ParameterizedTest(name = "body: {0}")
    @CsvSource(delimiter = '|', value = { "{}", "{\"name\":\"\"}", "{\"name\":null}", "not json", "''" })
    void aSwitchWithoutAFolderNameIs400WithAJsonError(String body) {
        Http.Response response = Http.put(port, "/api/folders/active", ADMIN_TOKEN, body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
        assertThat(response.json().get("message").asString()).isNotBlank();
    }

    @Test
    void switchesTheActiveFolderAndBack() {
        Http.Response switched = Http.put(port, "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"notes\"}");
        try {
            assertThat(switched.status()).isEqualTo(200);
            assertThat(switched.json().get(1).get("name").asString()).isEqualTo("notes");
            assertThat(switched.json().get(1).get("active").asBoolean()).isTrue();
            assertThat(Http.get(port, "/api/folders", ADMIN_TOKEN).json().get(0).get("active").asBoolean()).isFalse();
            assertThat(Http.get(port, "/actuator/sync", ADMIN_TOKEN).json().get("activeFolder").asString())
                    .isEqualTo("notes");
            assertThat(Http.get(port, "/actuator/health", ADMIN_TOKEN).json().get("components").get("sync")
                    .get("details").get("folder").asString()).isEqualTo("notes");
        }
        finally {
            assertThat(Http.put(port, "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"docs\"}").status()).isEqualTo(200);
        }
        assertThat(Http.get(port, "/actuator/sync", ADMIN_TOKEN).json().get("trackedFiles").asInt()).isEqualTo(1);
    }

    @Test
    void listsKeptConflictVersionsAndServesTheirContent() throws IOException {
        Path loser = base.resolve("loser.txt");
        Files.writeString(loser, "the losing version\n", StandardCharsets.UTF_8);
        ConflictRecord kept = server.bean(ConflictKeeper.class).keepCopy("docs", "sub/readme.txt", loser,
                "aa".repeat(32), 1_700_000_000_000L, 19, "alpha", "server");

        Http.Response list = Http.get(port, "/api/conflicts", ADMIN_TOKEN);
        assertThat(list.status()).isEqualTo(200);
        JsonNode first = null;
        for (JsonNode node : list.json()) {
            if (node.get("id").asLong() == kept.id()) {
                first = node;
            }
        }
        assertThat(first).isNotNull();
        assertThat(first.get("path").asString()).isEqualTo("sub/readme.txt");
        assertThat(first.get("folder").asString()).isEqualTo("docs");
        assertThat(first.get("origin").asString()).isEqualTo("alpha");
        assertThat(first.get("winner").asString()).isEqualTo("server");
        assertThat(first.get("size").asLong()).isEqualTo(19);
        assertThat(first.get("modified").asString()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(Instant.parse(first.get("time").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(list.body()).doesNotContain(base.toString());

        Http.Response content = Http.get(port, "/api/conflicts/" + kept.id(), ADMIN_TOKEN);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.contentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(content.body()).isEqualTo("the losing version\n");

        JsonNode sync = Http.get(port, "/actuator/sync", ADMIN_TOKEN).json();
        assertThat(sync.get("conflicts").asLong()).isGreaterThanOrEqualTo(1);
        java.util.List<String> paths = new java.util.ArrayList<>();
        sync.get("conflictVersions").forEach(node -> paths.add(node.get("path").asString()));
        assertThat(paths).contains("sub/readme.txt");
    }

    @Test
    void anUnknownConflictIs404AndABadIdIs400() {
        Http.Response unknown = Http.get(port, "/api/conflicts/999999", ADMIN_TOKEN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/json");
        assertThat(unknown.json().get("message").asString()).isEqualTo("unknown conflict: 999999");

        Http.Response bad = Http.get(port, "/api/conflicts/abc", ADMIN_TOKEN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/json");
    }

    @Test
    void anUnknownPathWithTheTokenIs404InJson() {
        Http.Response response = Http.get(port, "/api/no-such-thing", ADMIN_TOKEN);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/json");
    }

    @Test
    void aPruningRoundDeletesVersionsOlderThanMaxAgeWithTheirStoredFile() throws IOException {
        Path loser = base.resolve("old-loser.txt");
        Files.writeString(loser, "old\n", StandardCharsets.UTF_8);
        ConflictKeeper keeper = server.bean(ConflictKeeper.class);
        ConflictRecord fresh = keeper.keepCopy("docs", "old.txt", loser, "bb".repeat(32), 0, 4, "alpha", "server");
        long fortyDaysAgo = Instant.now().minus(java.time.Duration.ofDays(40)).toEpochMilli();
        ConflictRecord old = server.bean(ConflictRepository.class).save(new ConflictRecord(fresh.id(), fresh.folder(),
                fresh.path(), fresh.sha256(), fresh.mtime(), fresh.size(), fresh.origin(), fresh.winner(), fortyDaysAgo,
                fresh.storedAs()));
        Path stored = keeper.file(old);
        assertThat(stored).exists();

        assertThat(server.bean(ConflictPruner.class).prune()).isEqualTo(1);

        assertThat(stored).doesNotExist();
        assertThat(keeper.get(old.id())).isEmpty();
        assertThat(Http.get(port, "/api/conflicts/" + old.id(), ADMIN_TOKEN).status()).isEqualTo(404);
    }
}
