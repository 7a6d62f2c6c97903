package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.read;
import static io.foldersync.e2e.SyncCluster.replace;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.server.web.Http;

/**
 * A server whose disk is full, on real tmpfs mounts; nothing is lost or half done on either side,
 * health says what is wrong, and everything flows once space is freed.
 * <ul>
 * <li>Its folder is too full for a client's edit: the edit is refused. The client keeps its version
 *     (not overwritten by the server's older one, no conflict copy), the server's file stays whole, no
 *     staged content is left in the full folder, the client does not resend it at every interval, and
 *     the edit arrives at the next SUMMARY once space is freed. Health is DOWN naming the full disk from the refusal until
 *     space is freed, not only until the client happens to send again.</li>
 * <li>Its state database's disk is full: see {@link #changesTheStateDatabaseCannotRecordAreSentOnceSpaceIsFreed}.</li>
 * </ul>
 */
class ServerDiskFullTest {

    /** Three of the server's SUMMARY intervals (5 s in {@link SyncCluster}). */
    static final Duration THREE_INTERVALS = Duration.ofSeconds(15);

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
    void anEditTheServersDiskCannotHoldStaysOnTheClientUntilSpaceIsFreed() throws Exception {
        mounts = Mounts.requireMounting(base.resolve("probe"));
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        mounts.tmpfs(docs, "1m");
        String before = "the server's version, one line\n";
        write(docs.resolve("notes.txt"), before);
        write(docs.resolve("other.txt"), "another file\n");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        Path local = alpha.folder();
        await().atMost(CONVERGE).until(() -> has(local.resolve("notes.txt"), before) && has(local.resolve("other.txt"),
                "another file\n"));

        // 2 MB into a 1 MB file system: the server cannot store it
        String edit = "the client's edit, a line that makes the file two megabytes long\n".repeat(2 * 1024 * 1024 / 64);
        replace(local.resolve("notes.txt"), edit);
        await().atMost(CONVERGE).until(() -> refusals() >= 1);
        assertThat(health()).as("server health after the refusal").isEqualTo(503);
        assertThat(Http.get(http(), "/actuator/health", ADMIN_TOKEN).json().get("components").get("sync").get("details")
                .get("reason").asString()).contains("no space left", "folder docs", "2.0 MiB").doesNotContain(docs.toString());
        assertThat(Http.get(http(), "/actuator/sync", ADMIN_TOKEN).json().get("folderProblem").asString())
                .contains("no space left");

        // over three intervals: sent again once, at the next SUMMARY, then not for 30 s (it was resent at every
        // interval, 2 MB and a WARN on both sides each time); neither side loses or mixes a version meanwhile
        await().during(THREE_INTERVALS).atMost(THREE_INTERVALS.plusSeconds(5)).until(() -> has(local.resolve("notes.txt"), edit)
                && has(docs.resolve("notes.txt"), before));
        assertThat(refusals()).as("refusals of the edit over three intervals").isBetween(1.0, 2.0);
        assertThat(stagedFiles(docs)).as("staged content left in the server's full folder").isEmpty();
        assertThat(conflictCopies(local)).as("conflict copies on the client").isEmpty();
        assertThat(health()).as("server health while the disk stays full").isEqualTo(503);

        // the rest of the folder still synchronises meanwhile
        write(docs.resolve("other.txt"), "changed on the server\n");
        await().atMost(CONVERGE).until(() -> has(local.resolve("other.txt"), "changed on the server\n"));

        // space is freed: the edit arrives whole after the next SUMMARY, which no longer says the folder is short
        // of space, not when the client's wait is over (30 s after the second refusal: 14 s or more from here);
        // nothing else changes
        mounts.resize(docs, "8m");
        await().atMost(Duration.ofSeconds(5)).until(() -> health() == 200); // at once, not when the client resends
        await().atMost(Duration.ofSeconds(10)).until(() -> has(docs.resolve("notes.txt"), edit));
        assertThat(read(local.resolve("notes.txt"))).isEqualTo(edit);
        assertThat(conflictCopies(local)).isEmpty();
        assertThat(stagedFiles(docs)).isEmpty();
    }

    /**
     * The server's state database is on a full file system: the changes seen in its folder cannot be
     * recorded, so none is sent. Health says why (DOWN, SQLite's own words), and once space is freed
     * every one of them reaches the client at the next interval, not at the full scan half an hour later
     * (the watch events that reported them are spent).
     */
    @Test
    void changesTheStateDatabaseCannotRecordAreSentOnceSpaceIsFreed() throws Exception {
        mounts = Mounts.requireMounting(base.resolve("probe"));
        cluster = SyncCluster.create(base, "docs");
        Path data = base.resolve("server-data");
        mounts.tmpfs(data, "4m");
        Path docs = cluster.serverFolder("docs");
        write(docs.resolve("notes.txt"), "one\n");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        Path local = alpha.folder();
        await().atMost(CONVERGE).until(() -> has(local.resolve("notes.txt"), "one\n"));

        Path filler = data.resolve("filler");
        Mounts.fill(filler);
        write(docs.resolve("new.txt"), "created while the database's disk is full\n");
        write(docs.resolve("notes.txt"), "one\ntwo\n");
        await().atMost(CONVERGE).until(() -> health() == 503);
        assertThat(Http.get(http(), "/actuator/health", ADMIN_TOKEN).json().get("components").get("sync").get("details")
                .get("reason").asString()).contains("could not process the changes in folder docs", "disk is full");
        assertThat(read(docs.resolve("notes.txt"))).isEqualTo("one\ntwo\n");

        Files.delete(filler);
        await().atMost(CONVERGE).until(() -> has(local.resolve("new.txt"), "created while the database's disk is full\n")
                && has(local.resolve("notes.txt"), "one\ntwo\n"));
        await().atMost(Duration.ofSeconds(5)).until(() -> health() == 200);
    }

    private int http() {
        return cluster.server().httpPort();
    }

    private int health() {
        return Http.get(http(), "/actuator/health", null).status();
    }

    private double refusals() {
        return cluster.server().counter("foldersync.refused", "code", "INTERNAL");
    }

    private static List<String> stagedFiles(Path folder) throws IOException {
        Path tmp = folder.resolve(".foldersync").resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<String> conflictCopies(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.contains(".sync-conflict-")).toList();
        }
    }
}
