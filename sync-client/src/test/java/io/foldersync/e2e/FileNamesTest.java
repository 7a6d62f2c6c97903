package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.client.ClientApplication;

/**
 * File names beyond ASCII arrive under their own names, both ways; a client whose JVM cannot write
 * them (the C locale) skips them, says why, and syncs the rest, never a file under another name.
 */
class FileNamesTest {

    static final List<String> NAMES = List.of("café.txt", "日本/メモ.md", "Grüße/straße.txt", "emoji 🙂.txt",
            "Ελληνικά/αρχείο.txt");

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static Path server;

    static Path client;

    @BeforeAll
    static void start() {
        cluster = SyncCluster.create(base, "docs");
        server = cluster.serverFolder();
        NAMES.forEach(name -> write(server.resolve(name), name + " v1\n"));
        write(server.resolve("plain.txt"), "plain v1\n");
        cluster.startServer();
        client = cluster.startClient("alpha").folder();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void namesBeyondAsciiArriveUnderTheirOwnNamesBothWays() throws IOException {
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(client)).isEqualTo(tree(server)).hasSize(NAMES.size() + 1));
        for (String name : NAMES) {
            // the very bytes of the name, not a look-alike
            assertThat(Files.exists(client.resolve(name))).as(name).isTrue();
        }
        write(client.resolve("café.txt"), "café.txt edited on the client\n");
        await().atMost(CONVERGE).until(() -> has(server.resolve("café.txt"), "café.txt edited on the client\n"));

        Files.move(server.resolve("日本/メモ.md"), server.resolve("日本/メモ 2.md"));
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(client.resolve("日本/メモ 2.md")).hasContent("日本/メモ.md v1");
            assertThat(client.resolve("日本/メモ.md")).doesNotExist();
        });
    }

    @Test
    void aServerFileWhoseNameHasABackslashIsSkippedAndTheRestOfItsBatchArrives() throws IOException {
        write(server.resolve("to-delete.txt"), "to delete\n");
        await().atMost(CONVERGE).until(() -> has(client.resolve("to-delete.txt"), "to delete\n"));
        Path odd = server.resolve("back\\slash.txt"); // a separator on other systems: no peer accepts the name
        try {
            // one watch batch: the odd name beside a new file and a delete, each its own topmost path
            write(odd, "a backslash in the name\n");
            write(server.resolve("beside.txt"), "beside\n");
            Files.delete(server.resolve("to-delete.txt"));
            await().atMost(CONVERGE).untilAsserted(() -> {
                assertThat(client.resolve("beside.txt")).hasContent("beside");
                assertThat(client.resolve("to-delete.txt")).doesNotExist();
            });
            // and it stays so: an edit of the odd file is skipped as well, the next change still arrives
            write(odd, "edited\n");
            write(server.resolve("beside.txt"), "beside v2\n");
            await().atMost(CONVERGE).until(() -> has(client.resolve("beside.txt"), "beside v2\n"));
            assertThat(tree(client)).doesNotContainKey("back/slash.txt"); // tree() shows a backslash as a slash
            assertThat(client.resolve("back\\slash.txt")).doesNotExist();
        }
        finally {
            // the other tests compare whole trees
            Files.deleteIfExists(odd);
            Files.deleteIfExists(server.resolve("beside.txt"));
            await().atMost(CONVERGE).until(() -> !Files.exists(client.resolve("beside.txt")));
        }
    }

    @Test
    void aClientInTheCLocaleSyncsTheNamesItCanWriteAndNoOtherUnderAWrongName() throws Exception {
        Path home = cluster.clientHome("c-locale");
        List<String> command = new ArrayList<>(List.of(PackagedServer.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ClientApplication.class.getName()));
        command.addAll(cluster.clientArgs("c-locale", cluster.server().syncPort()));
        Path log = Files.createDirectories(Path.of("target", "e2e-logs")).resolve("c-locale-client.log"); // kept for a look
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("LC_ALL");
        builder.environment().remove("LC_CTYPE");
        builder.environment().put("LANG", "C"); // as in a bare container: file names read as ASCII
        Process process = builder.start();
        try {
            Path folder = home.resolve("folder");
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(process.isAlive()).as("the client exited; see " + log).isTrue();
                assertThat(has(folder.resolve("plain.txt"), "plain v1\n")).isTrue();
            });
            assertThat(Files.readString(log)).contains("reads file names as ANSI_X3.4-1968").contains("LANG=C.UTF-8");
            // the names it cannot write are skipped, none written under another name; and it keeps syncing
            write(server.resolve("plain.txt"), "plain v2\n");
            await().atMost(CONVERGE).until(() -> has(folder.resolve("plain.txt"), "plain v2\n"));
            assertThat(tree(folder)).containsOnlyKeys("plain.txt");
            assertThat(tree(server)).hasSize(NAMES.size() + 1);
        }
        finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
