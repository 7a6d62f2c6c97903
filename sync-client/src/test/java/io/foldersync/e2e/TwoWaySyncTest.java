package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.read;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's live rules with one server and two clients: a client's edit of a file the server
 * has reaches the server and the other client (also an editor's atomic save); everything else a
 * client does (create, delete, rename, turn a file binary) stays local or is undone by the server.
 */
class TwoWaySyncTest {

    static final String TRANSFERRED = "foldersync.files.transferred";

    /** Two reconcile intervals (5 s each) and some slack: when a client's delete or rename is undone. */
    static final Duration TWO_INTERVALS = Duration.ofSeconds(15);

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static Path server;

    static Path alpha;

    static Path beta;

    @BeforeAll
    static void start() {
        cluster = SyncCluster.create(base, "docs");
        server = cluster.serverFolder();
        write(server.resolve("seed.txt"), "seed\n");
        cluster.startServer();
        alpha = cluster.startClient("alpha").folder();
        beta = cluster.startClient("beta").folder();
        awaitEverywhere();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static void awaitEverywhere() {
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(tree(alpha)).isEqualTo(tree(server));
            assertThat(tree(beta)).isEqualTo(tree(server));
        });
    }

    /** Writes a file on the server and waits until both clients have it. */
    private static void serverHas(String path, String content) {
        write(server.resolve(path), content);
        await().atMost(CONVERGE).until(() -> Files.exists(alpha.resolve(path)) && read(alpha.resolve(path)).equals(content)
                && Files.exists(beta.resolve(path)) && read(beta.resolve(path)).equals(content));
    }

    /**
     * An edit on alpha that must reach the server: once it has, every event alpha's watcher saw
     * before it has been handled too (one sync thread, in order).
     */
    private static void alphaEditReachesTheServer(String path) {
        String content = "sentinel " + System.nanoTime() + "\n";
        write(alpha.resolve(path), content);
        await().atMost(CONVERGE).until(() -> read(server.resolve(path)).equals(content));
    }

    @Test
    void aClientEditReachesTheServerAndTheOtherClientWithoutEcho() throws IOException {
        serverHas("edit/notes.txt", "version 1\n");
        double serverIn = cluster.server().counter(TRANSFERRED, "direction", "in");
        double serverOut = cluster.server().counter(TRANSFERRED, "direction", "out");
        double alphaIn = cluster.client("alpha").counter(TRANSFERRED, "direction", "in");
        // saved the way editors do (a temporary file renamed over it): a write in place can be seen
        // truncated first on a loaded machine, and that intermediate version is sent too (one CI run)
        SyncCluster.replace(alpha.resolve("edit/notes.txt"), "version 2, from alpha\n");
        await().atMost(CONVERGE).until(() -> read(server.resolve("edit/notes.txt")).equals("version 2, from alpha\n")
                && read(beta.resolve("edit/notes.txt")).equals("version 2, from alpha\n"));
        long alphaMtime = Files.getLastModifiedTime(alpha.resolve("edit/notes.txt")).toMillis();
        assertThat(Files.getLastModifiedTime(server.resolve("edit/notes.txt")).toMillis()).isEqualTo(alphaMtime);
        await().atMost(CONVERGE).until(() -> Files.getLastModifiedTime(beta.resolve("edit/notes.txt")).toMillis() == alphaMtime);
        // one upload in, one push out (to beta); nothing echoed back to alpha
        assertThat(cluster.server().counter(TRANSFERRED, "direction", "in") - serverIn).isEqualTo(1);
        assertThat(cluster.server().counter(TRANSFERRED, "direction", "out") - serverOut).isEqualTo(1);
        assertThat(cluster.client("alpha").counter(TRANSFERRED, "direction", "in")).isEqualTo(alphaIn);
    }

    @Test
    void anEditFromTheOtherSideKeepsTheFilesModeOnEachSide() throws IOException {
        serverHas("mode/run.sh", "echo 1\n");
        Files.setPosixFilePermissions(server.resolve("mode/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(alpha.resolve("mode/run.sh"), PosixFilePermissions.fromString("rwx------"));
        write(alpha.resolve("mode/run.sh"), "echo 2\n");
        await().atMost(CONVERGE).until(() -> read(server.resolve("mode/run.sh")).equals("echo 2\n")
                && read(beta.resolve("mode/run.sh")).equals("echo 2\n"));
        assertThat(mode(server.resolve("mode/run.sh"))).as("the server's script stays executable").isEqualTo("rwxr-xr-x");

        write(server.resolve("mode/run.sh"), "echo 3\n");
        await().atMost(CONVERGE).until(() -> read(alpha.resolve("mode/run.sh")).equals("echo 3\n"));
        assertThat(mode(alpha.resolve("mode/run.sh"))).as("alpha's own mode survives the server's edit").isEqualTo("rwx------");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void anAtomicSaveOnAClientPropagates() throws IOException {
        serverHas("atomic/doc.md", "# before\n");
        // the way vim, IntelliJ and VS Code "safe write" save: a temporary file renamed over the original
        Path temp = alpha.resolve("atomic/doc.md.tmp~");
        Files.writeString(temp, "# after an atomic save\n");
        Files.move(temp, alpha.resolve("atomic/doc.md"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(CONVERGE).until(() -> read(server.resolve("atomic/doc.md")).equals("# after an atomic save\n")
                && read(beta.resolve("atomic/doc.md")).equals("# after an atomic save\n"));
        assertThat(server.resolve("atomic/doc.md.tmp~")).doesNotExist();
        // and with a hidden temporary file, the other common shape
        Path hidden = alpha.resolve("atomic/.doc.md.swp");
        Files.writeString(hidden, "# second save\n");
        Files.move(hidden, alpha.resolve("atomic/doc.md"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(CONVERGE).until(() -> read(server.resolve("atomic/doc.md")).equals("# second save\n")
                && read(beta.resolve("atomic/doc.md")).equals("# second save\n"));
    }

    @Test
    void aFileCreatedOnAClientStaysLocal() throws IOException {
        serverHas("created/sentinel.txt", "sentinel\n");
        write(alpha.resolve("created/only-here.txt"), "alpha's own\n");
        alphaEditReachesTheServer("created/sentinel.txt");
        assertThat(server.resolve("created/only-here.txt")).doesNotExist();
        assertThat(beta.resolve("created/only-here.txt")).doesNotExist();
        assertThat(read(alpha.resolve("created/only-here.txt"))).isEqualTo("alpha's own\n");
        Files.delete(alpha.resolve("created/only-here.txt"));
    }

    @Test
    void aFileDeletedOnAClientComesBackFromTheServer() throws IOException {
        serverHas("deleted/back.txt", "I come back\n");
        Files.delete(alpha.resolve("deleted/back.txt"));
        await().atMost(TWO_INTERVALS).until(() -> Files.exists(alpha.resolve("deleted/back.txt")));
        assertThat(read(alpha.resolve("deleted/back.txt"))).isEqualTo("I come back\n");
        assertThat(read(server.resolve("deleted/back.txt"))).isEqualTo("I come back\n");
        assertThat(read(beta.resolve("deleted/back.txt"))).isEqualTo("I come back\n");
    }

    @Test
    void aFileRenamedOnAClientComesBackAndTheNewNameStaysLocal() throws IOException {
        serverHas("renamed/original.txt", "my name is original\n");
        Files.move(alpha.resolve("renamed/original.txt"), alpha.resolve("renamed/new-name.txt"));
        await().atMost(TWO_INTERVALS).until(() -> Files.exists(alpha.resolve("renamed/original.txt")));
        assertThat(read(alpha.resolve("renamed/original.txt"))).isEqualTo("my name is original\n");
        assertThat(server.resolve("renamed/new-name.txt")).doesNotExist();
        assertThat(beta.resolve("renamed/new-name.txt")).doesNotExist();
        assertThat(read(server.resolve("renamed/original.txt"))).isEqualTo("my name is original\n");
        Files.delete(alpha.resolve("renamed/new-name.txt"));
    }

    @Test
    void aClientEditThatMakesAFileBinaryIsNotUploadedAndIsKeptWhenTheServerVersionChanges() throws IOException {
        serverHas("binary/doc.txt", "text\n");
        serverHas("binary/sentinel.txt", "sentinel\n");
        byte[] binary = { 'b', 'i', 'n', 0, (byte) 0xff, '\n' };
        Files.write(alpha.resolve("binary/doc.txt"), binary);
        alphaEditReachesTheServer("binary/sentinel.txt");
        assertThat(read(server.resolve("binary/doc.txt"))).isEqualTo("text\n");
        assertThat(read(beta.resolve("binary/doc.txt"))).isEqualTo("text\n");
        assertThat(Files.readAllBytes(alpha.resolve("binary/doc.txt"))).isEqualTo(binary);
        // the server's version changes: alpha takes it, but its binary edit is kept beside it, not lost
        write(server.resolve("binary/doc.txt"), "text, changed on the server\n");
        await().atMost(CONVERGE).until(() -> has(alpha.resolve("binary/doc.txt"), "text, changed on the server\n"));
        List<Path> kept;
        try (var list = Files.list(alpha.resolve("binary"))) {
            kept = list.filter(p -> p.getFileName().toString().startsWith("doc.sync-conflict-")).toList();
        }
        assertThat(kept).hasSize(1);
        assertThat(Files.readAllBytes(kept.get(0))).isEqualTo(binary);
        assertThat(server.resolve(alpha.relativize(kept.get(0)))).doesNotExist();
        Files.delete(kept.get(0));
    }
}
