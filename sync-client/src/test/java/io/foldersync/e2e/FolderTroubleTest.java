package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.server.web.Http;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7, rules 7 and 8: trouble with one file stays on that file, and folders that are not what
 * they seem (a mount point whose file system is gone, a symbolic link) never cost a file.
 */
class FolderTroubleTest {

    static final Duration ONE_INTERVAL = Duration.ofSeconds(5).plusSeconds(2);

    @TempDir
    Path base;

    SyncCluster cluster;

    Mounts mounts;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (mounts != null) {
            mounts.close();
        }
    }

    /** Rule 8: an active folder that is suddenly empty because its mount is gone propagates no deletion. */
    @Test
    void aMountThatVanishesDeletesNothingOnClientsAndComesBackByItself() throws Exception {
        mounts = Mounts.requireMounting(base.resolve("probe"));
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        Path store = base.resolve("tmpfs");
        mounts.tmpfs(store, "4m");
        mounts.bind(store, docs);
        write(docs.resolve("a.txt"), "a\n");
        write(docs.resolve("sub/b.txt"), "b\n");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        await().atMost(CONVERGE).until(() -> tree(alpha.folder()).size() == 2);
        int http = cluster.server().httpPort();

        mounts.unmount(docs); // the folder is now the empty directory under the mount point
        await().atMost(ONE_INTERVAL).until(() -> Http.get(http, "/actuator/health", null).status() == 503);
        JsonNode health = Http.get(http, "/actuator/health", ADMIN_TOKEN).json();
        assertThat(health.get("components").get("sync").get("details").get("reason").asString()).contains("unmounted");
        await().during(ONE_INTERVAL).atMost(ONE_INTERVAL.multipliedBy(2))
                .until(() -> tree(alpha.folder()).equals(Map.of("a.txt", "a\n", "sub/b.txt", "b\n")));
        // a file on the bare mount point (an operator's "disk not mounted" note) does not make it the folder
        write(docs.resolve("README.txt"), "the disk is not mounted\n");
        await().during(ONE_INTERVAL).atMost(ONE_INTERVAL.multipliedBy(2))
                .until(() -> tree(alpha.folder()).equals(Map.of("a.txt", "a\n", "sub/b.txt", "b\n"))
                        && Http.get(http, "/actuator/health", null).status() == 503);
        assertThat(Http.get(http, "/actuator/health", ADMIN_TOKEN).json().get("components").get("sync").get("details")
                .get("reason").asString()).contains("unmounted").contains("not the folder foldersync marked");

        mounts.bind(store, docs); // back (over the note, which the mount hides)
        await().atMost(ONE_INTERVAL).until(() -> Http.get(http, "/actuator/health", null).status() == 200);
        write(docs.resolve("after.txt"), "written after the mount came back\n");
        await().atMost(ONE_INTERVAL).until(() -> has(alpha.folder().resolve("after.txt"), "written after the mount came back\n"));
        assertThat(tree(alpha.folder())).containsEntry("a.txt", "a\n").containsEntry("sub/b.txt", "b\n");
    }

    /** Rule 8's other half: a folder the user really emptied keeps the marker, and its deletions propagate. */
    @Test
    void aFolderTheUserEmptiedPropagatesItsDeletions() throws IOException {
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        write(docs.resolve("a.txt"), "a\n");
        write(docs.resolve("sub/b.txt"), "b\n");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        await().atMost(CONVERGE).until(() -> tree(alpha.folder()).size() == 2);
        assertThat(docs.resolve(".foldersync/folder-id")).as("the marker").exists();

        Files.delete(docs.resolve("a.txt"));
        Files.delete(docs.resolve("sub/b.txt"));
        Files.delete(docs.resolve("sub"));

        await().atMost(CONVERGE).until(() -> tree(alpha.folder()).isEmpty());
        assertThat(Http.get(cluster.server().httpPort(), "/actuator/health", null).status()).isEqualTo(200);
    }

    /** Rule 8: a folder path that is a symbolic link is resolved once, at start-up. */
    @Test
    void symbolicallyLinkedFolderPathsAreResolvedOnceAtStartUp() throws IOException {
        cluster = SyncCluster.create(base, "docs");
        Path real = Files.createDirectories(base.resolve("real-docs"));
        Path other = Files.createDirectories(base.resolve("other-docs"));
        Path link = cluster.serverFolder("docs");
        Files.delete(link);
        Files.createSymbolicLink(link, real);
        write(real.resolve("a.txt"), "through the link\n");
        Path clientReal = Files.createDirectories(base.resolve("client-real"));
        Files.createDirectories(cluster.clientHome("alpha"));
        Files.createSymbolicLink(cluster.clientHome("alpha").resolve("folder"), clientReal);
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        await().atMost(CONVERGE).until(() -> has(clientReal.resolve("a.txt"), "through the link\n"));

        // the link is pointed elsewhere while running: the folder synchronised stays the one it resolved to
        Files.delete(link);
        Files.createSymbolicLink(link, other);
        write(other.resolve("elsewhere.txt"), "not synchronised\n");
        write(real.resolve("b.txt"), "still synchronised\n");
        await().atMost(CONVERGE).until(() -> has(clientReal.resolve("b.txt"), "still synchronised\n"));
        assertThat(clientReal.resolve("elsewhere.txt")).doesNotExist();
        JsonNode sync = Http.get(alpha.httpPort(), "/actuator/sync", ADMIN_TOKEN).json();
        assertThat(sync.get("localFolder").asString()).isEqualTo(clientReal.toRealPath().toString());
    }

    /** Rule 7: a FIFO in the folder is never opened, never deleted, reported; every other file syncs. */
    @Test
    void aFifoIsSkippedAndReportedWhileEverythingElseSyncs() throws Exception {
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        write(docs.resolve("a.txt"), "a\n");
        Process mkfifo = new ProcessBuilder("mkfifo", docs.resolve("pipe.txt").toString()).start();
        assumeThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo is available").isTrue();
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        await().atMost(CONVERGE).until(() -> has(alpha.folder().resolve("a.txt"), "a\n"));
        write(docs.resolve("b.txt"), "b\n");
        await().atMost(CONVERGE).until(() -> has(alpha.folder().resolve("b.txt"), "b\n"));

        JsonNode sync = Http.get(cluster.server().httpPort(), "/actuator/sync", ADMIN_TOKEN).json();
        assertThat(sync.get("skippedPaths").asInt()).isEqualTo(1);
        assertThat(sync.get("skipped").get(0).get("path").asString()).isEqualTo("pipe.txt");
        assertThat(sync.get("skipped").get(0).get("reason").asString()).contains("FIFO");
        assertThat(alpha.folder().resolve("pipe.txt")).doesNotExist();
    }

    /** Rule 7: a full disk on a client fails the one file that does not fit; the rest syncs, and it follows later. */
    @Test
    void aFullDiskOnAClientCostsOnlyTheFileThatDoesNotFit() throws Exception {
        mounts = Mounts.requireMounting(base.resolve("probe"));
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        for (int i = 0; i < 5; i++) {
            write(docs.resolve("small-" + i + ".txt"), "small " + i + "\n");
        }
        write(docs.resolve("big.txt"), "big line of text\n".repeat(200_000)); // 3.4 MB
        Path local = cluster.clientHome("alpha").resolve("folder");
        mounts.tmpfs(local, "1m");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");

        await().atMost(CONVERGE).until(() -> tree(local).keySet().stream().filter(p -> p.startsWith("small-")).count() == 5);
        // a full disk is the folder's trouble, not the path's: reported once for the folder (LocalDiskFullTest)
        await().atMost(ONE_INTERVAL).untilAsserted(() -> {
            JsonNode sync = Http.get(alpha.httpPort(), "/actuator/sync", ADMIN_TOKEN).json();
            assertThat(sync.get("localDiskFull").asString()).contains("no space left");
            assertThat(sync.get("skippedPaths").asInt()).isZero();
        });
        assertThat(local.resolve("big.txt")).doesNotExist();

        mounts.resize(local, "16m"); // space again: the next reconcile brings it
        await().atMost(ONE_INTERVAL.multipliedBy(2)).until(() -> Files.exists(local.resolve("big.txt"))
                && Files.size(local.resolve("big.txt")) == Files.size(docs.resolve("big.txt")));
        await().atMost(ONE_INTERVAL).until(() -> Http.get(alpha.httpPort(), "/actuator/sync", ADMIN_TOKEN).json()
                .get("localDiskFull").isNull());
    }
}
