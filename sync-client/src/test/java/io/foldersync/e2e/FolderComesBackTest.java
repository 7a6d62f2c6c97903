package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.foldersync.server.web.Http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safety and recovery of the server's active folder: while it is gone (unmounted) nothing is
 * deleted on the clients; when a folder is back at the path (a new directory, as after a
 * remount), it is watched again, so changes travel within a second again, not once a rescan.
 */
class FolderComesBackTest {

    @TempDir
    Path base;

    @Test
    void aVanishedFolderDeletesNothingAndIsWatchedAgainWhenItIsBack() throws Exception {
        try (SyncCluster cluster = SyncCluster.create(base, "docs")) {
            Path docs = cluster.serverFolder();
            Path client = startWithOneFile(cluster);

            // "unmount": the folder disappears in one step
            Files.move(docs, base.resolve("docs-unmounted"));
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                    .until(() -> has(client.resolve("keep.txt"), "keep me\n"));

            // "mount" again: a new directory at the same path (another inode), carrying the marker the server
            // wrote into its file system, with one more file
            Files.createDirectories(docs.resolve(".foldersync"));
            Files.copy(base.resolve("docs-unmounted/.foldersync/folder-id"), docs.resolve(".foldersync/folder-id"));
            write(docs.resolve("keep.txt"), "keep me\n");
            write(docs.resolve("back.txt"), "back\n");
            await().atMost(CONVERGE).until(() -> has(client.resolve("back.txt"), "back\n"));

            // back.txt came with the rescan that follows the re-watch in the same tick; the next rescan is an
            // interval (5 s) away, so a change seen within 2 s was seen by the watcher
            write(docs.resolve("live.txt"), "live\n");
            await().atMost(Duration.ofSeconds(2)).until(() -> has(client.resolve("live.txt"), "live\n"));
            assertThat(client.resolve("keep.txt")).exists();
        }
    }

    /**
     * A client edit the server refused while its folder was away is sent again once the folder is back,
     * at the next reconcile, also when nothing else changes (before, it waited for the 30-minute scan).
     */
    @Test
    void anEditRefusedWhileTheFolderWasAwayIsSentAgainWhenItIsBack() throws Exception {
        try (SyncCluster cluster = SyncCluster.create(base, "docs")) {
            Path docs = cluster.serverFolder();
            Path client = startWithOneFile(cluster);
            int http = cluster.server().httpPort();

            Files.move(docs, base.resolve("docs-away"));
            await().atMost(Duration.ofSeconds(8)).until(() -> Http.get(http, "/actuator/health", null).status() == 503);
            write(client.resolve("keep.txt"), "edited while the server's folder was away\n");
            await().atMost(CONVERGE).until(() -> cluster.server().counter("foldersync.refused", "code", "INTERNAL") >= 1);

            Files.move(base.resolve("docs-away"), docs);
            await().atMost(Duration.ofSeconds(8)).until(() -> Http.get(http, "/actuator/health", null).status() == 200);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> has(docs.resolve("keep.txt"), "edited while the server's folder was away\n"));
        }
    }

    /** A server and a client that mirrors its keep.txt; returns the client's folder. */
    private static Path startWithOneFile(SyncCluster cluster) {
        write(cluster.serverFolder().resolve("keep.txt"), "keep me\n");
        cluster.startServer();
        Path client = cluster.startClient("alpha").folder();
        await().atMost(CONVERGE).until(() -> has(client.resolve("keep.txt"), "keep me\n"));
        return client;
    }
}
