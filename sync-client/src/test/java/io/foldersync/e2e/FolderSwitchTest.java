package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.read;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import io.foldersync.server.web.Http;

/**
 * Issue 4: switching the active folder over HTTP, on the server and through a client, with a
 * client connected. The client mirrors the new folder within one interval; an edit made on the
 * client just before the switch lands in the old folder on the server; local-only files stay,
 * or are kept aside where the new folder has a file at the same path.
 */
class FolderSwitchTest {

    /** One interval (the cluster runs with 5s) plus slack for two Spring contexts on two cores. */
    static final Duration ONE_INTERVAL = Duration.ofSeconds(5).plusSeconds(2);

    @TempDir
    Path base;

    SyncCluster cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void switchesThroughTheServerAndBackThroughTheClientWithoutLosingAnything() throws IOException {
        cluster = SyncCluster.create(base, "docs", "notes");
        Path docs = cluster.serverFolder("docs");
        Path notes = cluster.serverFolder("notes");
        write(docs.resolve("a.txt"), "a v1\n");
        write(docs.resolve("sub/b.txt"), "b v1\n");
        write(notes.resolve("n.txt"), "notes\n");
        write(notes.resolve("collide.txt"), "the server's collide\n");
        cluster.startServer("--foldersync.permissions.switch-folder=alpha"); // alpha switches back, below
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        Path local = alpha.folder();
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(local)).isEqualTo(tree(docs)));
        int server = cluster.server().httpPort();
        int client = alpha.httpPort();

        // local-only files: never uploaded, and a switch must not destroy them
        write(local.resolve("mine.txt"), "only on the client\n");
        write(local.resolve("collide.txt"), "the client's collide\n");

        // warm both HTTP stacks up, so the PUT below follows the edit within milliseconds
        assertThat(Http.get(server, "/api/folders", ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(Http.get(client, "/api/folders", ADMIN_TOKEN).status()).isEqualTo(200);

        // an edit on the client, immediately followed by the switch
        write(local.resolve("a.txt"), "a edited on the client just before the switch\n");
        Http.Response switched = Http.put(server, "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"notes\"}");
        assertThat(switched.status()).isEqualTo(200);
        assertThat(active(switched.json())).isEqualTo("notes");

        await().atMost(ONE_INTERVAL).untilAsserted(() -> {
            Map<String, String> mirrored = tree(local);
            assertThat(mirrored).containsEntry("n.txt", "notes\n").containsEntry("collide.txt", "the server's collide\n")
                    .containsEntry("mine.txt", "only on the client\n").doesNotContainKey("sub/b.txt");
            // a.txt is checked below: it goes once its edit has reached docs on the server
            assertThat(mirrored).hasEntrySatisfying(conflictCopyOf(mirrored, "collide"),
                    content -> assertThat(content).isEqualTo("the client's collide\n"));
        });
        await().atMost(CONVERGE).until(() -> read(docs.resolve("a.txt"))
                .equals("a edited on the client just before the switch\n"));
        assertThat(tree(notes)).doesNotContainKey("a.txt").containsEntry("collide.txt", "the server's collide\n")
                .doesNotContainKey("mine.txt");
        // delivered to docs, the old folder's file leaves the mirror of notes like the rest of docs did
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(local)).doesNotContainKey("a.txt"));

        // both sides report the new folder
        assertThat(active(Http.get(client, "/api/folders", ADMIN_TOKEN).json())).isEqualTo("notes");
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(Http.get(client, "/actuator/sync", ADMIN_TOKEN).json().get("activeFolder").asString())
                    .isEqualTo("notes");
            JsonNode clients = Http.get(server, "/actuator/sync", ADMIN_TOKEN).json().get("clients");
            assertThat(clients.size()).isEqualTo(1);
            assertThat(clients.get(0).get("folder").asString()).isEqualTo("notes");
        });

        // back to docs, this time through the client, which forwards to the server
        Http.Response back = Http.put(client, "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"docs\"}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(active(back.json())).isEqualTo("docs");
        assertThat(active(Http.get(server, "/api/folders", ADMIN_TOKEN).json())).isEqualTo("docs");
        await().atMost(ONE_INTERVAL).untilAsserted(() -> assertThat(tree(local))
                .containsEntry("a.txt", "a edited on the client just before the switch\n")
                .containsEntry("sub/b.txt", "b v1\n")
                .containsEntry("mine.txt", "only on the client\n")
                .doesNotContainKey("n.txt"));
    }

    @Test
    void anUnknownFolderIs404OnTheServerAndThroughTheClient() {
        cluster = SyncCluster.create(base, "docs", "notes");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        await().atMost(CONVERGE).until(alpha::connected);
        for (int port : new int[] { cluster.server().httpPort(), alpha.httpPort() }) {
            Http.Response response = Http.put(port, "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"nope\"}");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.json().get("status").asInt()).isEqualTo(404);
            assertThat(response.json().get("message").asString()).isEqualTo("unknown folder: nope");
        }
        assertThat(active(Http.get(alpha.httpPort(), "/api/folders", ADMIN_TOKEN).json())).isEqualTo("docs");
    }

    private static String active(JsonNode folders) {
        for (JsonNode folder : folders) {
            if (folder.get("active").asBoolean()) {
                return folder.get("name").asString();
            }
        }
        return null;
    }

    /** The key of the kept-aside copy of {@code stem}.txt ({@code stem.sync-conflict-<stamp>.txt}). */
    private static String conflictCopyOf(Map<String, String> files, String stem) {
        return files.keySet().stream().filter(p -> p.startsWith(stem + ".sync-conflict-")).findFirst()
                .orElse(stem + ".sync-conflict-(none)");
    }
}
