package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.read;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.conflict.ConflictRecord;

/**
 * Issue 3's conflicts, made while a client is offline and decided by the server when it comes
 * back: the newer modification time wins, a tie goes to the server, the loser is kept (on the
 * server outside the tree and counted; on the client as a {@code *.sync-conflict-*} copy when
 * the client lost), and a server delete never takes a client's edit with it. Client "gamma" goes
 * offline and back; client "watcher" stays online and shows what the other clients get.
 */
class OfflineConflictTest {

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static Path server;

    static Path gamma;

    static Path watcher;

    @BeforeAll
    static void start() {
        cluster = SyncCluster.create(base, "docs");
        server = cluster.serverFolder();
        write(server.resolve("seed.txt"), "seed\n");
        cluster.startServer();
        gamma = cluster.startClient("gamma").folder();
        watcher = cluster.startClient("watcher").folder();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static void everyoneHas(String path, String content) {
        write(server.resolve(path), content);
        await().atMost(CONVERGE).until(() -> has(gamma.resolve(path), content) && has(watcher.resolve(path), content));
    }

    private static void setMtime(Path file, long millis) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    }

    private static long conflicts() {
        return cluster.server().bean(ConflictKeeper.class).count();
    }

    private static ConflictRecord newestConflict() {
        return cluster.server().bean(ConflictKeeper.class).list().get(0);
    }

    private static List<Path> keptCopies(Path folder, String prefix) throws IOException {
        try (var list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix + ".sync-conflict-")).toList();
        }
    }

    /**
     * Both sides change {@code path} while gamma is offline, the server's version gets
     * {@code serverMtime} and gamma's {@code gammaMtime}; then gamma comes back.
     */
    private static void conflictWhileOffline(String path, long serverMtime, long gammaMtime) throws IOException {
        everyoneHas(path, "common ancestor\n");
        cluster.client("gamma").stop();
        write(server.resolve(path), "the server's edit\n");
        setMtime(server.resolve(path), serverMtime);
        await().atMost(CONVERGE).until(() -> has(watcher.resolve(path), "the server's edit\n"));
        write(gamma.resolve(path), "gamma's offline edit\n");
        setMtime(gamma.resolve(path), gammaMtime);
        cluster.startClient("gamma");
    }

    @Test
    void theClientsNewerOfflineEditWinsAndTheServersVersionIsKept() throws IOException {
        long before = conflicts();
        long now = System.currentTimeMillis();
        conflictWhileOffline("client-wins.txt", now - 60_000, now - 30_000);
        await().atMost(CONVERGE).until(() -> has(server.resolve("client-wins.txt"), "gamma's offline edit\n")
                && has(watcher.resolve("client-wins.txt"), "gamma's offline edit\n"));
        assertThat(Files.getLastModifiedTime(server.resolve("client-wins.txt")).toMillis()).isEqualTo(now - 30_000);
        assertThat(conflicts()).isEqualTo(before + 1);
        ConflictRecord lost = newestConflict();
        assertThat(lost.path()).isEqualTo("client-wins.txt");
        Path keptOnServer = cluster.server().bean(ConflictKeeper.class).file(lost);
        assertThat(keptOnServer).startsWith(base.resolve("server-data").resolve("conflicts"));
        assertThat(read(keptOnServer)).isEqualTo("the server's edit\n");
        assertThat(keptCopies(gamma, "client-wins")).isEmpty();
    }

    @Test
    void theServersNewerVersionWinsAndTheClientsOfflineEditIsKeptOnBothSides() throws IOException {
        long before = conflicts();
        long now = System.currentTimeMillis();
        conflictWhileOffline("server-wins.txt", now - 30_000, now - 60_000);
        assertServerWon("server-wins", before);
    }

    @Test
    void aTieGoesToTheServer() throws IOException {
        long before = conflicts();
        long same = System.currentTimeMillis() - 45_000;
        conflictWhileOffline("tie.txt", same, same);
        assertServerWon("tie", before);
    }

    private static void assertServerWon(String name, long conflictsBefore) throws IOException {
        String path = name + ".txt";
        await().atMost(CONVERGE).until(() -> keptCopies(gamma, name).size() == 1 && has(gamma.resolve(path), "the server's edit\n"));
        assertThat(read(keptCopies(gamma, name).get(0))).isEqualTo("gamma's offline edit\n");
        assertThat(read(server.resolve(path))).isEqualTo("the server's edit\n");
        assertThat(read(watcher.resolve(path))).isEqualTo("the server's edit\n");
        assertThat(conflicts()).isEqualTo(conflictsBefore + 1);
        ConflictRecord lost = newestConflict();
        assertThat(lost.path()).isEqualTo(path);
        assertThat(read(cluster.server().bean(ConflictKeeper.class).file(lost))).isEqualTo("gamma's offline edit\n");
        // the kept copy is the client's own: never uploaded
        assertThat(server.resolve(gamma.relativize(keptCopies(gamma, name).get(0)))).doesNotExist();
        Files.delete(keptCopies(gamma, name).get(0));
    }

    @Test
    void aServerDeleteMeetingAClientEditKeepsTheEditedCopyOnTheClient() throws IOException {
        everyoneHas("deleted-vs-edit.txt", "common ancestor\n");
        cluster.client("gamma").stop();
        Files.delete(server.resolve("deleted-vs-edit.txt"));
        await().atMost(CONVERGE).until(() -> !Files.exists(watcher.resolve("deleted-vs-edit.txt")));
        write(gamma.resolve("deleted-vs-edit.txt"), "gamma's offline edit\n");
        write(server.resolve("deleted-vs-edit-sentinel.txt"), "fetched by the same reconcile\n");
        cluster.startClient("gamma");
        await().atMost(CONVERGE).until(() -> Files.exists(gamma.resolve("deleted-vs-edit-sentinel.txt")));
        assertThat(read(gamma.resolve("deleted-vs-edit.txt"))).isEqualTo("gamma's offline edit\n");
        // it stays a local-only file: the server does not get it back, nor does anyone else
        assertThat(server.resolve("deleted-vs-edit.txt")).doesNotExist();
        assertThat(watcher.resolve("deleted-vs-edit.txt")).doesNotExist();
        Files.delete(gamma.resolve("deleted-vs-edit.txt"));
    }
}
