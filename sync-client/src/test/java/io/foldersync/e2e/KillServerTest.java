package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.files.FileRules;
import io.foldersync.server.ServerApplication;

/**
 * {@code kill -9} of the server: the server runs as a JVM of its own on a fixed sync port, is
 * killed with {@link Process#destroyForcibly()} and started again on the same port, folder and
 * state; the client ("alpha") runs in this JVM and reconnects by itself. Whatever moment the
 * kill hits (before the edit arrived, while its content was being staged, just after it was
 * renamed into place but perhaps before it was recorded or acknowledged), the pair converges
 * with the edit on both sides, every file on both sides is one of the versions written (never
 * a prefix of one), and nothing but those files is visible in the synchronised trees. Edits made
 * on both sides while the server is down (on different files) both arrive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillServerTest {

    /** A JVM start plus a reconnect with backoff, with slack for a loaded machine. */
    static final Duration RESTART = Duration.ofSeconds(30);

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static Path server;

    static Path alpha;

    static int syncPort;

    static Process process;

    static int starts;

    /** Every content ever written per path, on either side: a file may only ever hold one of them. */
    static final Map<String, Set<String>> written = new ConcurrentHashMap<>();

    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @BeforeAll
    static void start() throws IOException {
        cluster = SyncCluster.create(base, "docs");
        server = cluster.serverFolder();
        writeServer("untouched.txt", "never edited\n");
        writeServer("killed-on-arrival.txt", "original\n");
        writeServer("killed-while-staging.txt", "original\n");
        writeServer("killed-after-apply.txt", "original\n");
        writeServer("sub/edited-on-server-while-down.txt", "original\n");
        writeServer("sub/edited-on-client-while-down.txt", "original\n");
        syncPort = SyncCluster.freePort();
        startServerProcess();
        alpha = cluster.startClientAt("alpha", syncPort).folder();
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(alpha)).isEqualTo(tree(server)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    // ------------------------------------------------------------------ the server process

    private static void startServerProcess() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int httpPort = SyncCluster.freePort();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                // a quicker start (C1 only, serial GC): the test starts it three times
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                ServerApplication.class.getName()));
        command.addAll(cluster.serverArgs(syncPort, httpPort));
        Path log = base.resolve("server-process-" + (++starts) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process started = process;
        await().atMost(RESTART).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(started.isAlive()).as("server process exited early; see " + log).isTrue();
            return up(httpPort);
        });
    }

    private static boolean up(int httpPort) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void restart() throws IOException {
        startServerProcess();
        await().atMost(RESTART).until(() -> cluster.client("alpha").connected());
    }

    // ------------------------------------------------------------------ files

    private static void writeServer(String path, String content) {
        written.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(content);
        write(server.resolve(path), content);
    }

    /**
     * An edit on the client, saved the way editors do (a hidden temporary renamed over the file),
     * so the client never reads a half-written file: any prefix seen later is sync's doing.
     */
    private static void writeClient(String path, String content) {
        written.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(content);
        Path target = alpha.resolve(path);
        Path temp = target.resolveSibling("." + target.getFileName() + ".saving");
        write(temp, content);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Big enough that its transfer and staging take a while, so a kill can land in the middle. */
    private static String big(String tag) {
        StringBuilder text = new StringBuilder(6 * 1024 * 1024);
        for (int i = 0; text.length() < 6 * 1024 * 1024; i++) {
            text.append(tag).append(" line ").append(i).append(" of a big edit that must arrive whole\n");
        }
        return text.toString();
    }

    /** Every visible regular file below a folder, whatever its content: what a user would see. */
    private static Set<String> visibleFiles(Path folder) {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(FileRules::isVisible)
                    .forEach(files::add);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Map<String, String> contents(Path folder) {
        Map<String, String> files = new TreeMap<>();
        for (String path : visibleFiles(folder)) {
            try {
                files.put(path, Files.readString(folder.resolve(path), StandardCharsets.UTF_8));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /**
     * Both sides hold exactly the written paths, each one the same on both sides, each one a whole
     * version that was written (a truncated or partial file is none of them), no extra file.
     */
    private static void assertWholeAndConverged() {
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(contents(alpha)).isEqualTo(contents(server)));
        Map<String, String> onServer = contents(server);
        assertThat(onServer.keySet()).isEqualTo(written.keySet());
        onServer.forEach((path, content) -> assertThat(written.get(path))
                .as("%s holds a version that was written (%d chars)", path, content.length()).contains(content));
        // nothing lost: a kill never sends the server's copy of anything to the conflict store
        assertThat(conflictFiles()).isEmpty();
    }

    private static List<Path> conflictFiles() {
        Path conflicts = base.resolve("server-data").resolve("conflicts");
        if (!Files.isDirectory(conflicts)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(conflicts)) {
            return walk.filter(Files::isRegularFile).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void clientEditsSurviveAServerKilledWhileReceivingThem() throws Exception {
        // a big edit: killed while its content is staged in the server's work dir (or, on a fast
        // machine, just after it was renamed in), and a small one written right before the kill,
        // sent or not but certainly not applied
        String bigEdit = big("staged");
        Path serverTmp = server.resolve(".foldersync").resolve("tmp");
        writeClient("killed-while-staging.txt", bigEdit);
        await().atMost(CONVERGE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> staging(serverTmp) || has(server.resolve("killed-while-staging.txt"), bigEdit));
        writeClient("killed-on-arrival.txt", "edited, then the server was killed at once\n");
        boolean wasStaging = staging(serverTmp);
        kill();
        System.out.println("KillServerTest: killed " + (wasStaging ? "while the big edit was being staged" : "after the big edit was in place"));
        // what the dead server left in its tree is whole: the old version or the new one, never a prefix
        assertThat(written.get("killed-while-staging.txt")).contains(SyncCluster.read(server.resolve("killed-while-staging.txt")));
        assertThat(written.get("killed-on-arrival.txt")).contains(SyncCluster.read(server.resolve("killed-on-arrival.txt")));
        restart();
        await().atMost(CONVERGE).until(() -> has(server.resolve("killed-while-staging.txt"), bigEdit)
                && has(server.resolve("killed-on-arrival.txt"), "edited, then the server was killed at once\n"));
        assertWholeAndConverged();
        assertThat(has(alpha.resolve("killed-while-staging.txt"), bigEdit)).isTrue();
        assertThat(SyncCluster.read(alpha.resolve("killed-on-arrival.txt")))
                .isEqualTo("edited, then the server was killed at once\n");
    }

    private static boolean staging(Path tmp) {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.anyMatch(p -> p.getFileName().toString().startsWith("incoming-"));
        }
        catch (IOException e) {
            return false;
        }
    }

    @Test
    @Order(2)
    void aServerKilledJustAfterApplyingAnEditAndEditedOnBothSidesWhileDownLosesNothing() throws Exception {
        // killed the moment the edit is in place on the server: recorded and acknowledged, or not
        writeClient("killed-after-apply.txt", "edited, and the server died right after taking it\n");
        await().atMost(CONVERGE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> has(server.resolve("killed-after-apply.txt"), "edited, and the server died right after taking it\n"));
        kill();
        // while it is down, the server's folder and the client each get an edit of a different file
        await().atMost(CONVERGE).until(() -> !cluster.client("alpha").connected());
        writeServer("sub/edited-on-server-while-down.txt", "edited on the server's disk while it was down\n");
        writeClient("sub/edited-on-client-while-down.txt", "edited on the client while the server was down\n");
        restart();
        await().atMost(CONVERGE).until(() -> has(alpha.resolve("sub/edited-on-server-while-down.txt"),
                "edited on the server's disk while it was down\n")
                && has(server.resolve("sub/edited-on-client-while-down.txt"),
                        "edited on the client while the server was down\n"));
        assertWholeAndConverged();
        assertThat(SyncCluster.read(server.resolve("sub/edited-on-server-while-down.txt")))
                .isEqualTo("edited on the server's disk while it was down\n");
        assertThat(SyncCluster.read(alpha.resolve("sub/edited-on-client-while-down.txt")))
                .isEqualTo("edited on the client while the server was down\n");
        assertThat(SyncCluster.read(alpha.resolve("killed-after-apply.txt")))
                .isEqualTo("edited, and the server died right after taking it\n");
        assertThat(SyncCluster.read(server.resolve("untouched.txt"))).isEqualTo("never edited\n");
    }
}
