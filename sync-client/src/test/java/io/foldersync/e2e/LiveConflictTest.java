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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.conflict.ConflictRecord;

/**
 * Issue 3's conflict rule live: both sides online, the server's file and the client's file are
 * changed within the same millisecond or two, so the client's upload carries a base the server
 * no longer has (or the server's push meets an unsent local edit, which the client then sends
 * for the server to judge). Each version appears at once with its final mtime (written to a
 * hidden temporary, given its mtime, renamed over the file), so no watcher ever sees the "now"
 * of a write. Whichever message crosses which, the server decides: the newer mtime wins on both
 * sides, the loser is kept (in the server's {@link ConflictKeeper}; on the client also as a
 * {@code *.sync-conflict-*} copy when the client's version lost), and nothing is lost. Five
 * rounds in each direction.
 */
class LiveConflictTest {

    static final int ROUNDS = 5;

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static Path server;

    static Path alpha;

    @BeforeAll
    static void start() {
        cluster = SyncCluster.create(base, "docs");
        server = cluster.serverFolder();
        write(server.resolve("seed.txt"), "seed\n");
        cluster.startServer();
        alpha = cluster.startClient("alpha").folder();
        await().atMost(CONVERGE).until(() -> has(alpha.resolve("seed.txt"), "seed\n"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ConflictKeeper keeper() {
        return cluster.server().bean(ConflictKeeper.class);
    }

    /** Makes {@code content} appear at {@code file} in one step, already with its mtime, the way an editor saves. */
    private static void save(Path file, String content, long mtime) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".saving");
        write(temp, content);
        Files.setLastModifiedTime(temp, FileTime.fromMillis(mtime));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<Path> keptCopies(Path folder, String prefix) throws IOException {
        try (var list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix + ".sync-conflict-")).toList();
        }
    }

    private static List<ConflictRecord> conflictsOn(String path) {
        return keeper().list().stream().filter(r -> r.path().equals(path)).toList();
    }

    /**
     * One race on a fresh file: both sides in sync on an ancestor, then the client's and the
     * server's edit back to back (the client's first, so no push from the server can land in
     * between and make the test's own write a lost update).
     */
    private static void race(String name, long serverMtime, long clientMtime) throws IOException {
        String path = name + ".txt";
        write(server.resolve(path), "common ancestor of " + name + "\n");
        await().atMost(CONVERGE).until(() -> has(alpha.resolve(path), "common ancestor of " + name + "\n"));
        save(alpha.resolve(path), clientVersion(name), clientMtime);
        save(server.resolve(path), serverVersion(name), serverMtime);
    }

    private static String clientVersion(String name) {
        return "alpha's live edit of " + name + "\n";
    }

    private static String serverVersion(String name) {
        return "the server's live edit of " + name + "\n";
    }

    @Test
    void theClientsNewerLiveEditWinsAndTheServersIsKept() throws IOException {
        for (int round = 1; round <= ROUNDS; round++) {
            String name = "client-newer-" + round;
            String path = name + ".txt";
            long before = keeper().count();
            long now = System.currentTimeMillis();
            race(name, now - 60_000, now - 30_000);
            await().atMost(CONVERGE).until(() -> has(server.resolve(path), clientVersion(name))
                    && has(alpha.resolve(path), clientVersion(name)) && !conflictsOn(path).isEmpty());
            assertThat(Files.getLastModifiedTime(server.resolve(path)).toMillis()).isEqualTo(now - 30_000);
            assertThat(keeper().count()).isGreaterThan(before);
            // the server's losing version is kept, outside the synchronised tree
            List<ConflictRecord> lost = conflictsOn(path);
            assertThat(lost).allSatisfy(r -> assertThat(read(keeper().file(r))).isEqualTo(serverVersion(name)));
            assertThat(keeper().file(lost.get(0))).startsWith(base.resolve("server-data"));
            // the client's version won: nothing of its own to keep aside
            assertThat(keptCopies(alpha, name)).isEmpty();
            assertConvergedAndNothingLost(name);
        }
    }

    @Test
    void theServersNewerLiveEditWinsAndTheClientsIsKeptOnBothSides() throws IOException {
        for (int round = 1; round <= ROUNDS; round++) {
            String name = "server-newer-" + round;
            String path = name + ".txt";
            long before = keeper().count();
            long now = System.currentTimeMillis();
            race(name, now - 30_000, now - 60_000);
            await().atMost(CONVERGE).until(() -> has(alpha.resolve(path), serverVersion(name))
                    && keptCopies(alpha, name).size() == 1 && !conflictsOn(path).isEmpty());
            assertThat(read(server.resolve(path))).isEqualTo(serverVersion(name));
            assertThat(Files.getLastModifiedTime(alpha.resolve(path)).toMillis()).isEqualTo(now - 30_000);
            assertThat(keeper().count()).isGreaterThan(before);
            // the client's losing version: kept on the server, and beside the file on the client
            assertThat(conflictsOn(path)).allSatisfy(r -> assertThat(read(keeper().file(r))).isEqualTo(clientVersion(name)));
            Path copy = keptCopies(alpha, name).get(0);
            assertThat(read(copy)).isEqualTo(clientVersion(name));
            // a kept copy is local-only: never uploaded
            assertThat(server.resolve(alpha.relativize(copy))).doesNotExist();
            assertConvergedAndNothingLost(name);
            Files.delete(copy);
        }
    }

    /** The same content on both sides, and both versions of the race still exist somewhere. */
    private static void assertConvergedAndNothingLost(String name) throws IOException {
        String path = name + ".txt";
        String winner = read(server.resolve(path));
        assertThat(read(alpha.resolve(path))).isEqualTo(winner);
        String loser = winner.equals(clientVersion(name)) ? serverVersion(name) : clientVersion(name);
        boolean keptOnServer = conflictsOn(path).stream().anyMatch(r -> read(keeper().file(r)).equals(loser));
        boolean keptOnClient = keptCopies(alpha, name).stream().anyMatch(p -> read(p).equals(loser));
        assertThat(keptOnServer || keptOnClient).as("the losing version of %s is kept somewhere", path).isTrue();
    }
}
