package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.server.web.Http;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7, rule 7: a file the server cannot read is skipped, never taken for deleted, reported in
 * {@code /actuator/sync}, and synchronised again once it can be read; every other file keeps
 * syncing meanwhile. Permissions do not stop root, so as root the server runs as a process of
 * user {@code nobody} (from the packaged jar); otherwise it runs in this JVM.
 */
class UnreadableFileTest {

    static final Duration ONE_INTERVAL = Duration.ofSeconds(5).plusSeconds(2);

    static final int NOBODY = 65534;

    @TempDir
    Path base;

    SyncCluster cluster;

    Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anUnreadableFileIsSkippedNeverDeletedAndSyncedAgainOnceReadable() throws Exception {
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        Path secret = docs.resolve("secret.txt");
        write(docs.resolve("a.txt"), "a\n");
        write(secret, "readable at first\n");
        boolean root = "root".equals(System.getProperty("user.name"));
        int syncPort;
        int httpPort;
        if (root) {
            syncPort = SyncCluster.freePort();
            httpPort = SyncCluster.freePort();
            startAsNobody(syncPort, httpPort);
            Files.setAttribute(secret, "unix:uid", 0); // the folder is the server's, this one file is root's
            Files.setAttribute(secret, "unix:gid", 0);
        }
        else {
            SyncCluster.ServerNode node = cluster.startServer();
            syncPort = node.syncPort();
            httpPort = node.httpPort();
        }
        SyncCluster.ClientNode alpha = cluster.startClientAt("alpha", syncPort);
        Path local = alpha.folder();
        await().atMost(CONVERGE).until(() -> has(local.resolve("secret.txt"), "readable at first\n"));

        // unreadable for the server's user, then changed (the writer here may still write it)
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString(root ? "rw-------" : "-w-------"));
        write(secret, "changed, and the server may not read it\n");
        write(docs.resolve("b.txt"), "b\n");

        await().atMost(CONVERGE).until(() -> has(local.resolve("b.txt"), "b\n"));
        await().atMost(ONE_INTERVAL).untilAsserted(() -> {
            JsonNode sync = Http.get(httpPort, "/actuator/sync", ADMIN_TOKEN).json();
            assertThat(sync.get("skippedPaths").asInt()).isEqualTo(1);
            assertThat(sync.get("skipped").get(0).get("path").asString()).isEqualTo("secret.txt");
            assertThat(sync.get("skipped").get(0).get("reason").asString()).contains("permission denied");
        });
        await().during(ONE_INTERVAL).atMost(ONE_INTERVAL.multipliedBy(2))
                .until(() -> has(local.resolve("secret.txt"), "readable at first\n"));

        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        await().atMost(ONE_INTERVAL.multipliedBy(2))
                .until(() -> has(local.resolve("secret.txt"), "changed, and the server may not read it\n"));
        await().atMost(ONE_INTERVAL).untilAsserted(() -> assertThat(Http.get(httpPort, "/actuator/sync", ADMIN_TOKEN)
                .json().get("skipped").toString()).isEqualTo("[]"));

        // a read-only file (0444) still takes a client's edit, and stays read-only: its new version is
        // flushed before it gets the old one's mode (a flush that opened it for writing was refused, every time)
        Path readOnly = docs.resolve("a.txt");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        write(local.resolve("a.txt"), "a, edited on the client over a read-only file\n");
        await().atMost(CONVERGE).until(() -> has(readOnly, "a, edited on the client over a read-only file\n"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(readOnly))).isEqualTo("r--r--r--");
    }

    /** The packaged server jar, run as {@code nobody}, its folders and state owned by that user. */
    private void startAsNobody(int syncPort, int httpPort) throws Exception {
        Path built = PackagedServer.jar();
        assumeThat(PackagedServer.built()).as("runs the packaged server as user nobody: build it first "
                + "(./mvnw -B verify packages it before these tests; " + built + " is missing or older than the classes)")
                .isTrue();
        Path jar = Files.copy(built, base.resolve("sync-server.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        Path data = Files.createDirectories(base.resolve("server-data"));
        for (Path owned : List.of(base.resolve("server"), data)) {
            chownTree(owned);
        }
        String java = PackagedServer.java();
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + data, "-jar",
                jar.toString()));
        command.addAll(cluster.serverArgs(syncPort, httpPort));
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "nobody-" + base.getFileName() + ".log");
        server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process started = server;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreException(java.io.UncheckedIOException.class).until(() -> {
            assertThat(started.isAlive()).as("the server exited early; see " + log + ":\n" + tail(log)).isTrue();
            return Http.get(httpPort, "/actuator/health", null).status() == 200;
        });
    }

    private static void chownTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setAttribute(p, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }
        catch (IOException e) {
            return "(no log)";
        }
    }
}
