package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.foldersync.server.RawPeer;
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.web.Http;
import io.foldersync.protocol.Handshake;
import io.foldersync.protocol.SyncMessage;

/**
 * Issue 7, end to end: the rules of the engine that real users rely on, with real server and client
 * contexts over loopback: a folder switched away and back, an editor saving many times a second,
 * and a client completing its handshake in the middle of a switch.
 */
@ExtendWith(OutputCaptureExtension.class)
class EngineRulesTest {

    static final Duration ONE_INTERVAL = Duration.ofSeconds(5).plusSeconds(2);

    @TempDir
    Path base;

    SyncCluster cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    /**
     * Rule 3: a local file at a path of the folder switched to is never uploaded over the server's
     * file, and its content never leaves the client, also when the client had a base for that path
     * in that folder before it left it.
     */
    @Test
    void aLocalFileAtThePathOfTheFolderSwitchedBackToNeverReachesTheServer() throws IOException {
        cluster = SyncCluster.create(base, "docs", "notes");
        Path docs = cluster.serverFolder("docs");
        write(docs.resolve("plan.txt"), "the team's plan\n");
        write(cluster.serverFolder("notes").resolve("n.txt"), "notes\n");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        Path local = alpha.folder();
        await().atMost(CONVERGE).until(() -> has(local.resolve("plan.txt"), "the team's plan\n"));
        int server = cluster.server().httpPort();

        switchTo(server, "notes");
        await().atMost(ONE_INTERVAL).until(() -> tree(local).equals(Map.of("n.txt", "notes\n")));

        // while mirroring notes, the user writes a private file that happens to be called plan.txt
        write(local.resolve("plan.txt"), "my private draft, never for the server\n");
        switchTo(server, "docs");

        await().atMost(ONE_INTERVAL).untilAsserted(() -> {
            Map<String, String> mirrored = tree(local);
            assertThat(mirrored).containsEntry("plan.txt", "the team's plan\n").doesNotContainKey("n.txt");
            assertThat(mirrored.values()).as("the private draft is kept beside it").contains("my private draft, never for the server\n");
        });
        // and it never left the client: not on the server, not among the server's kept versions
        assertThat(Files.readString(docs.resolve("plan.txt"))).isEqualTo("the team's plan\n");
        assertThat(Http.get(server, "/api/conflicts", ADMIN_TOKEN).json().size()).isZero();
        assertThat(everythingUnder(base.resolve("server"))).doesNotContain("my private draft");
        assertThat(everythingUnder(base.resolve("server-data"))).doesNotContain("my private draft");
    }

    /** Rule 4: an editor that saves five times in a second produces edits, not conflicts. */
    @Test
    void fiveSavesInASecondArriveAsEditsNeverAsConflicts() throws IOException {
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        write(docs.resolve("draft.md"), "v0\n");
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        Path local = alpha.folder();
        await().atMost(CONVERGE).until(() -> has(local.resolve("draft.md"), "v0\n"));

        for (int save = 1; save <= 5; save++) {
            write(local.resolve("draft.md"), "v" + save + " " + "x".repeat(save * 1000) + "\n");
            await().pollDelay(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }
        String last = "v5 " + "x".repeat(5000) + "\n";

        await().atMost(CONVERGE).until(() -> has(docs.resolve("draft.md"), last));
        await().atMost(ONE_INTERVAL).until(() -> alpha.bean(io.foldersync.client.mirror.ClientSync.class).pendingUploads() == 0);
        assertThat(Http.get(cluster.server().httpPort(), "/api/conflicts", ADMIN_TOKEN).json().size())
                .as("no conflict with oneself").isZero();
        assertThat(cluster.server().counter("foldersync.conflicts")).isZero();
        assertThat(tree(local)).as("no conflict copy on the client").containsOnlyKeys("draft.md");
        assertThat(cluster.server().counter("foldersync.refused", "code", "CONFLICT")).isZero();
    }

    /** Rule 5: a handshake that completes during a switch ends on the new folder. */
    @Test
    void aHandshakeCompletedDuringASwitchGetsTheNewFolder() throws Exception {
        cluster = SyncCluster.create(base, "docs", "notes");
        cluster.startServer();
        try (RawPeer peer = RawPeer.connect(cluster.server().syncPort(), base.resolve("spool"), true)) {
            String clientNonce = Handshake.newNonce();
            peer.send(new SyncMessage.Hello(io.foldersync.protocol.Limits.PROTOCOL_VERSION, "racer", clientNonce, java.util.List.of(), System.currentTimeMillis()));
            SyncMessage.Challenge challenge = peer.next(SyncMessage.Challenge.class);
            // the switch happens between CHALLENGE and AUTH
            cluster.server().bean(ActiveFolder.class).switchTo("notes");
            peer.send(new SyncMessage.Auth(new Handshake(SyncCluster.TOKEN).clientAnswer(challenge.nonce(), clientNonce,
                    peer.fingerprint())));
            SyncMessage.Welcome welcome = peer.next(SyncMessage.Welcome.class);
            assertThat(welcome.folder()).isEqualTo("notes");
        }
        // and a stress variant: clients connecting while the folder flips back and forth all end on the active one
        SyncCluster.ClientNode a = cluster.startClient("a");
        SyncCluster.ClientNode b = cluster.startClient("b");
        ActiveFolder active = cluster.server().bean(ActiveFolder.class);
        for (int i = 0; i < 6; i++) {
            active.switchTo(i % 2 == 0 ? "docs" : "notes");
        }
        await().atMost(ONE_INTERVAL).untilAsserted(() -> {
            assertThat(a.bean(io.foldersync.client.mirror.ClientSync.class).folder()).isEqualTo(active.name());
            assertThat(b.bean(io.foldersync.client.mirror.ClientSync.class).folder()).isEqualTo(active.name());
        });
    }

    /**
     * The local folder deleted whole while the client runs ({@code rm -rf}): it is made again and
     * filled from the server, its watch works again (a local edit still reaches the server), and
     * nothing is deleted on the server. The log counts the missing files instead of naming each.
     */
    @Test
    void aLocalFolderDeletedWholeIsMadeAgainRefilledAndWatchedAgain(CapturedOutput output) throws Exception {
        cluster = SyncCluster.create(base, "docs");
        Path docs = cluster.serverFolder("docs");
        write(docs.resolve("a.txt"), "a\n");
        write(docs.resolve("sub/b.txt"), "b\n");
        for (int i = 0; i < 10; i++) {
            write(docs.resolve("many/m" + i + ".txt"), "m" + i + "\n");
        }
        cluster.startServer();
        SyncCluster.ClientNode alpha = cluster.startClient("alpha");
        Path local = alpha.folder();
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(local)).isEqualTo(tree(docs)).hasSize(12));
        Map<String, String> before = tree(docs);
        int logged = output.getOut().length();

        org.springframework.util.FileSystemUtils.deleteRecursively(local);

        await().atMost(ONE_INTERVAL.plus(ONE_INTERVAL)).untilAsserted(() -> assertThat(tree(local)).isEqualTo(before));
        assertThat(tree(docs)).as("nothing deleted on the server").isEqualTo(before);
        String since = output.getOut().substring(logged);
        assertThat(since).contains("files were deleted or moved here");
        assertThat(since.lines().filter(l -> l.contains("deleted or moved here")).count())
                .as("lines about the missing files, for 12 files").isLessThan(12);
        write(local.resolve("a.txt"), "a, edited in the folder made again\n");
        await().atMost(CONVERGE).until(() -> has(docs.resolve("a.txt"), "a, edited in the folder made again\n"));
        write(docs.resolve("sub/b.txt"), "b, edited on the server\n");
        await().atMost(CONVERGE).until(() -> has(local.resolve("sub/b.txt"), "b, edited on the server\n"));
        assertThat(Http.get(alpha.httpPort(), "/actuator/health", ADMIN_TOKEN).json().get("components").get("sync")
                .get("status").asString()).isEqualTo("UP");
    }

    private static void switchTo(int serverHttp, String folder) {
        assertThat(Http.put(serverHttp, "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"" + folder + "\"}").status())
                .isEqualTo(200);
    }

    /** Every byte of every regular file below {@code dir}, as text: to prove that content is nowhere there. */
    static String everythingUnder(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return all.toString();
    }
}
