package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.state.StateStore;

/**
 * A server's first look at a folder records and sends its files a batch at a time (so a folder of
 * any size is indexed in flat memory): more files than one batch all arrive, and once they are
 * recorded, a rename is a move again, not a delete and a new file.
 */
class FirstIndexTest {

    @TempDir
    Path base;

    @Test
    void aFolderOfMoreFilesThanOneBatchIsIndexedAndMirroredWholeThenAMoveIsAMove() throws Exception {
        try (SyncCluster cluster = SyncCluster.create(base, "docs")) {
            Path server = cluster.serverFolder();
            for (int i = 0; i < 1_200; i++) {
                write(server.resolve("d" + (i % 7) + "/file-" + i + ".txt"), "line " + i + " of the first index\n");
            }
            cluster.startServer();
            Path client = cluster.startClient("solo").folder();
            await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(client)).hasSize(1_200).isEqualTo(tree(server)));
            assertThat(cluster.server().bean(StateStore.class).count("docs")).isEqualTo(1_200);

            double movesBefore = cluster.client("solo").counter("foldersync.moves");
            Files.move(server.resolve("d3/file-3.txt"), server.resolve("d4/renamed.txt"));

            await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(client)).isEqualTo(tree(server)));
            assertThat(cluster.client("solo").counter("foldersync.moves")).isGreaterThan(movesBefore);
        }
    }
}
