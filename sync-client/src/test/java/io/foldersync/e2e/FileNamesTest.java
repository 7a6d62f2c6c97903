package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/**
 * File names beyond ASCII arrive under their own names, both ways, and a JVM that would read them
 * in another encoding (the C locale) refuses to start instead of syncing them under other names.
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
        cluster.startServer();
        client = cluster.startClient("alpha").folder();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void namesBeyondAsciiArriveUnderTheirOwnNamesBothWays() throws IOException {
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(client)).isEqualTo(tree(server)).hasSize(NAMES.size()));
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
    void aJvmReadingNamesAsAsciiRefusesToStartAndWritesNothing() throws Exception {
        assumeThat(PackagedServer.built()).as("runs the packaged server in the C locale: build it first (./mvnw -B verify "
                + "packages it before these tests; " + PackagedServer.jar() + " is missing or older than the classes)").isTrue();
        Path data = base.resolve("c-locale");
        List<String> command = new ArrayList<>(List.of(PackagedServer.java(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-jar", PackagedServer.jar().toString()));
        command.addAll(List.of("--foldersync.folders.docs=" + server, "--foldersync.active-folder=docs",
                "--foldersync.listen-port=0", "--server.port=0", "--foldersync.token=c-locale-token-0123456789",
                "--foldersync.admin-token=c-locale-admin-0123456789",
                "--foldersync.state-db=" + data.resolve("server-state.db")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("LC_ALL");
        builder.environment().remove("LC_CTYPE");
        builder.environment().put("LANG", "C");
        Process process = builder.start();
        byte[] output;
        try {
            assertThat(process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)).as("the server exited").isTrue();
            output = process.getInputStream().readAllBytes();
        }
        finally {
            process.destroyForcibly();
        }
        String log = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(log).isNotZero();
        assertThat(log).contains("foldersync cannot start").contains("reads file names as ANSI_X3.4-1968")
                .contains("LANG=C.UTF-8");
        assertThat(data.resolve("server-state.db")).as("no state database was created").doesNotExist();
    }
}
