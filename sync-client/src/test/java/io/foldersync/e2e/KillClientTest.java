package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.client.ClientApplication;

/**
 * {@code kill -9} of a client with an edit waiting: the client runs as a JVM of its own, is
 * killed with {@link Process#destroyForcibly()}, and started again on the same folder and state.
 * The edit must reach the server and nothing may be lost, whether it was killed just after the
 * edit (maybe sent, maybe not) or while the server was down (certainly not sent).
 */
class KillClientTest {

    @TempDir
    Path base;

    SyncCluster cluster;

    Process client;

    int starts;

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private Process startClientProcess() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                // a quicker start (C1 only, serial GC), as KillServerTest's: the test starts it three times
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                ClientApplication.class.getName()));
        command.addAll(cluster.clientArgs("process", cluster.server().syncPort()));
        Path log = base.resolve("client-process-" + (++starts) + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void kill() throws InterruptedException {
        client.destroyForcibly();
        assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aKilledClientSendsItsWaitingEditAfterRestartAndLosesNothing() throws Exception {
        cluster = SyncCluster.create(base, "docs");
        Path server = cluster.serverFolder();
        write(server.resolve("untouched.txt"), "never edited\n");
        write(server.resolve("edited-then-killed.txt"), "original\n");
        write(server.resolve("edited-while-server-down.txt"), "original\n");
        write(server.resolve("sub/deep.txt"), "deep\n");
        cluster.startServer();
        Path folder = cluster.clientHome("process").resolve("folder");

        client = startClientProcess();
        await().atMost(CONVERGE.multipliedBy(2)).untilAsserted(() -> assertThat(tree(folder)).isEqualTo(tree(server)));

        // 1: an edit, and kill -9 right after it: sent or not, it must arrive
        write(folder.resolve("edited-then-killed.txt"), "edited just before kill -9\n");
        kill();
        client = startClientProcess();
        await().atMost(CONVERGE.multipliedBy(2))
                .until(() -> has(server.resolve("edited-then-killed.txt"), "edited just before kill -9\n"));

        // 2: the server is down, so the edit certainly waits; then kill -9, and both come back
        cluster.server().stop();
        write(folder.resolve("edited-while-server-down.txt"), "edited while the server was down\n");
        kill();
        cluster.restartServer();
        client = startClientProcess();
        await().atMost(CONVERGE.multipliedBy(2))
                .until(() -> has(server.resolve("edited-while-server-down.txt"), "edited while the server was down\n"));

        // nothing lost, nothing extra, on either side
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(folder)).isEqualTo(tree(server)));
        assertThat(tree(server)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "untouched.txt", "never edited\n",
                "edited-then-killed.txt", "edited just before kill -9\n",
                "edited-while-server-down.txt", "edited while the server was down\n",
                "sub/deep.txt", "deep\n"));
    }
}
