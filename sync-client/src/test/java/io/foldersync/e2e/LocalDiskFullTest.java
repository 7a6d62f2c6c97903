package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.replace;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.server.web.Http;
import tools.jackson.databind.JsonNode;

/**
 * A client whose disk is full. First its local folder's file system fills up during its first sync (found by an exploratory
 * tester: the server resent the whole folder at every interval, the log grew by 0.5 MB/s, health
 * stayed UP, staged files stayed until a restart); a real tmpfs, filled by the sync itself. Then its
 * state database's ({@link #whatTheStateDatabaseCannotRecordIsTakenUpOnceSpaceIsFreed}).
 */
class LocalDiskFullTest {

    /** Two of the server's SUMMARY intervals (5 s in {@link SyncCluster}). */
    static final Duration TWO_INTERVALS = Duration.ofSeconds(10);

    static final String SENT = "foldersync.files.transferred";

    static final String BYTES_SENT = "foldersync.bytes.transferred";

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

    @Test
    void aFullDiskIsReportedOnceAsksTheServerForNothingAndResumesWhenSpaceIsFreed() throws Exception {
        mounts = Mounts.requireMounting(base.resolve("probe"));
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            String content = ("file " + i + ", a line of text that fills two hundred kilobytes\n").repeat(200 * 1024 / 50);
            expected.put("f" + i + ".txt", content);
            write(docs.resolve("f" + i + ".txt"), content); // 40 x 200 KB: 8 MB
        }
        Path local = cluster.clientHome("alpha").resolve("folder");
        mounts.tmpfs(local, "3m");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");

        // the disk fills: health says so, with the reason, and /actuator/sync too
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(syncHealth(alpha).path("details").path("reason").asString())
                .contains("no space left on the local folder's file system").contains("MiB free")
                .contains("synchronisation resumes once space is freed"));
        assertThat(syncHealth(alpha).path("status").asString()).isEqualTo("DOWN");
        assertThat(Http.get(alpha.httpPort(), "/actuator/health", null).status()).isEqualTo(503);
        assertThat(Http.get(alpha.httpPort(), "/actuator/sync", ADMIN_TOKEN).json().path("localDiskFull").asString())
                .contains("no space left");

        // what was asked for before the failure has arrived (and been thrown away): from then on the server is
        // asked for nothing, though its SUMMARY says files are missing at every interval
        double[] last = { -1 };
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            double now = sent();
            boolean steady = now == last[0];
            last[0] = now;
            return steady;
        });
        double files = sent();
        double bytes = bytesSent();
        await().during(TWO_INTERVALS).atMost(TWO_INTERVALS.plusSeconds(3)).until(() -> sent() - files <= 1);
        System.out.printf("server sent %.0f files (%.0f bytes) before the wait; %.0f files (%.0f bytes) more during %d s%n",
                files, bytes, sent() - files, bytesSent() - bytes, TWO_INTERVALS.toSeconds());

        // nothing half-done is left: no staged content, no journal, no partial file in place
        assertThat(workFiles(local)).as("staged files and journals in .foldersync/tmp").isEmpty();
        Map<String, String> there = tree(local);
        assertThat(there.size()).as("files that fitted").isLessThan(expected.size());
        there.forEach((path, content) -> assertThat(content).as(path).isEqualTo(expected.get(path)));

        // space is freed: the next SUMMARY asks again, the mirror completes byte-exact, health is UP
        mounts.resize(local, "16m");
        await().atMost(CONVERGE).until(() -> tree(local).equals(expected));
        await().atMost(CONVERGE).until(() -> Http.get(alpha.httpPort(), "/actuator/health", null).status() == 200);
        assertThat(Http.get(alpha.httpPort(), "/actuator/sync", ADMIN_TOKEN).json().path("localDiskFull").isNull()).isTrue();
        assertThat(workFiles(local)).isEmpty();
    }

    /**
     * The client's state database is on a full file system: what the server sends cannot be recorded.
     * Health says why (DOWN, SQLite's own words) instead of a stack trace at every reconcile, and once
     * space is freed the client is in step: it has the server's changes, and its state knows them (an
     * edit of a file that arrived meanwhile goes to the server as an edit, not as a conflict).
     */
    @Test
    void whatTheStateDatabaseCannotRecordIsTakenUpOnceSpaceIsFreed() throws Exception {
        mounts = Mounts.requireMounting(base.resolve("probe"));
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        write(docs.resolve("notes.txt"), "one\n");
        Path data = cluster.clientHome("alpha").resolve("data");
        mounts.tmpfs(data, "4m");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        Path local = alpha.folder();
        await().atMost(CONVERGE).until(() -> has(local.resolve("notes.txt"), "one\n"));

        Path filler = data.resolve("filler");
        Mounts.fill(filler);
        write(docs.resolve("new.txt"), "created while the client's database has no room\n");
        write(docs.resolve("notes.txt"), "one\ntwo\n");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(syncHealth(alpha).path("details").path("reason").asString())
                .contains("could not process", "disk is full"));
        assertThat(Http.get(alpha.httpPort(), "/actuator/health", null).status()).isEqualTo(503);

        Files.delete(filler);
        await().atMost(CONVERGE).until(() -> Http.get(alpha.httpPort(), "/actuator/health", null).status() == 200);
        await().atMost(CONVERGE).until(() -> has(local.resolve("new.txt"), "created while the client's database has no room\n")
                && has(local.resolve("notes.txt"), "one\ntwo\n"));
        replace(local.resolve("new.txt"), "edited on the client\n");
        await().atMost(CONVERGE).until(() -> has(docs.resolve("new.txt"), "edited on the client\n"));
        try (var files = Files.list(local)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".sync-conflict-"));
        }
        assertThat(cluster.server().counter("foldersync.conflicts")).isZero();
    }

    private JsonNode syncHealth(SyncCluster.ClientNode client) {
        return Http.get(client.httpPort(), "/actuator/health", ADMIN_TOKEN).json().path("components").path("sync");
    }

    private double sent() {
        return cluster.server().counter(SENT, "direction", "out");
    }

    private double bytesSent() {
        return cluster.server().counter(BYTES_SENT, "direction", "out");
    }

    private static List<String> workFiles(Path folder) throws IOException {
        Path tmp = folder.resolve(".foldersync").resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("stage-") || name.startsWith("journal-")).toList();
        }
    }
}
