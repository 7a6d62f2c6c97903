package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.TOKEN;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.link.tls.TlsSockets;
import io.foldersync.server.RawPeer;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;

/**
 * Ten clients on one server converge, an edit from one reaches all the others, and a client
 * that authenticates and then stops reading holds none of them back.
 */
class ManyClientsTest {

    static final int CLIENTS = 10;

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static Path server;

    static List<Path> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = SyncCluster.create(base, "docs");
        server = cluster.serverFolder();
        for (int i = 0; i < 20; i++) {
            write(server.resolve("dir" + (i % 4) + "/file" + i + ".txt"), "file " + i + "\n");
        }
        cluster.startServer();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(cluster.startClient("client" + i).folder());
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static void awaitAllConverged() {
        await().atMost(CONVERGE.multipliedBy(2)).untilAsserted(() -> {
            Map<String, String> expected = tree(server);
            for (Path client : clients) {
                assertThat(tree(client)).as(client.toString()).isEqualTo(expected);
            }
        });
    }

    @Test
    void tenClientsConvergeAndAnEditFromOneReachesAllOthers() {
        awaitAllConverged();
        assertThat(cluster.server().bean(ClientSessions.class).readyCount()).isEqualTo(CLIENTS);
        write(clients.get(3).resolve("dir1/file5.txt"), "edited by client3\n");
        await().atMost(CONVERGE).until(() -> clients.stream().allMatch(c -> has(c.resolve("dir1/file5.txt"), "edited by client3\n"))
                && has(server.resolve("dir1/file5.txt"), "edited by client3\n"));
        awaitAllConverged();
    }

    @Test
    void aStalledClientDoesNotHoldBackTheOthers() throws IOException {
        awaitAllConverged();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096); // fills quickly: the server's writes to it block soon
            stalled.connect(new InetSocketAddress("127.0.0.1", cluster.server().syncPort()), 5_000);
            stalled.setSoTimeout(10_000);
            RawPeer peer = authenticate(stalled);
            // from here on the stalled client never reads again; several MB pile up towards it
            String big = "a line of text that is repeated to make a large file\n".repeat(20_000);
            for (int i = 0; i < 8; i++) {
                write(server.resolve("big/file" + i + ".txt"), big + i + "\n");
            }
            write(server.resolve("big/last.txt"), "after the big ones\n");
            await().atMost(CONVERGE.multipliedBy(2))
                    .until(() -> clients.stream().allMatch(c -> has(c.resolve("big/last.txt"), "after the big ones\n")));
            awaitAllConverged();
            // and the stalled one really was stalled meanwhile: its frames are still waiting in its queue
            ClientSession stalledSession = cluster.server().bean(ClientSessions.class).ready().stream()
                    .filter(s -> "stalled".equals(s.clientId())).findFirst().orElseThrow();
            assertThat(stalledSession.link().pending()).isPositive();
            // a TLS socket that becomes unreachable is closed by its finalizer: keep the stalled one open to the end
            java.lang.ref.Reference.reachabilityFence(peer);
        }
    }

    private static RawPeer authenticate(Socket socket) throws IOException {
        // a RawPeer over TLS on the prepared socket (small receive buffer); it is never read from again
        RawPeer peer = new RawPeer(TlsSockets.client(null, why -> { }).layer(socket, false), base.resolve("spool"));
        peer.handshake("stalled", TOKEN);
        return peer;
    }
}
