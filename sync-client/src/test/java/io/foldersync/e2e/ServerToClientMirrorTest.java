package io.foldersync.e2e;

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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation, end to end: whatever happens in the server's active folder shows up in the
 * client's folder, byte for byte, with the same modification times.
 */
class ServerToClientMirrorTest {

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static Path server;

    static Path client;

    @BeforeAll
    static void start() throws IOException {
        cluster = SyncCluster.create(base, "docs");
        server = cluster.serverFolder();
        write(server.resolve("readme.txt"), "hello\n");
        write(server.resolve("deep/er/nested.md"), "# nested\n");
        write(server.resolve("empty.txt"), "");
        Files.write(server.resolve("image.bin"), new byte[] { 1, 0, 2 });
        write(server.resolve(".hidden/secret.txt"), "not synced\n");
        Files.setLastModifiedTime(server.resolve("readme.txt"), FileTime.fromMillis(1_700_000_000_000L));
        cluster.startServer();
        client = cluster.startClient("alpha").folder();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static void awaitMirror() {
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(client)).isEqualTo(tree(server)));
    }

    @Test
    void initialSyncCopiesEveryTextFileWithItsModificationTime() throws IOException {
        awaitMirror();
        assertThat(tree(client)).containsOnlyKeys("readme.txt", "deep/er/nested.md", "empty.txt");
        assertThat(Files.getLastModifiedTime(client.resolve("readme.txt")).toMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(client.resolve("image.bin")).doesNotExist();
        assertThat(client.resolve(".hidden")).doesNotExist();
    }

    @Test
    void createModifyDeleteAndRenameReachTheClient() throws IOException {
        awaitMirror();
        write(server.resolve("new.txt"), "brand new\n");
        await().atMost(CONVERGE).until(() -> Files.exists(client.resolve("new.txt")));
        write(server.resolve("new.txt"), "changed\n");
        await().atMost(CONVERGE).until(() -> read(client.resolve("new.txt")).equals("changed\n"));
        Files.move(server.resolve("new.txt"), server.resolve("renamed.txt"));
        awaitMirror();
        Files.delete(server.resolve("renamed.txt"));
        awaitMirror();
        assertThat(client.resolve("renamed.txt")).doesNotExist();
    }

    @Test
    void directoryRenameAndDeleteReachTheClientAndLeaveNoEmptyDirectories() throws IOException {
        write(server.resolve("tree/a/one.txt"), "1\n");
        write(server.resolve("tree/a/two.txt"), "2\n");
        awaitMirror();
        Files.move(server.resolve("tree"), server.resolve("forest"));
        awaitMirror();
        assertThat(client.resolve("tree")).doesNotExist();
        try (var walk = Files.walk(server.resolve("forest"))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        awaitMirror();
        await().atMost(CONVERGE).until(() -> !Files.exists(client.resolve("forest")));
    }
}
