package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
            write(docs.resolve("keep.txt"), "keep me\n");
            cluster.startServer();
            Path client = cluster.startClient("alpha").folder();
            await().atMost(CONVERGE).until(() -> has(client.resolve("keep.txt"), "keep me\n"));

            // "unmount": the folder disappears in one step
            Files.move(docs, base.resolve("docs-unmounted"));
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                    .until(() -> has(client.resolve("keep.txt"), "keep me\n"));

            // "mount" again: a new directory at the same path, with one more file
            Files.createDirectories(docs);
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
}
