package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client pointed at something that accepts connections and never answers (a hung server, a
 * wrong port): it gives up on each connection within the handshake deadline, retries with its
 * backoff, and connects as soon as a real server listens on that port.
 */
class SilentServerTest {

    @TempDir
    Path base;

    SyncCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void givesUpOnASilentListenerAndConnectsOnceARealServerIsOnThatPort() throws Exception {
        cluster = SyncCluster.create(base, "docs");
        write(cluster.serverFolder().resolve("hello.txt"), "at last\n");
        int port = SyncCluster.freePort();
        List<Long> heldMs = new CopyOnWriteArrayList<>();
        SyncCluster.ClientNode client;
        try (ServerSocket silent = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            Thread listener = new Thread(() -> hold(silent, heldMs), "silent-listener");
            listener.setDaemon(true);
            listener.start();
            client = cluster.startClientAt("patient", port);
            // the client closed the connection it opened, within the deadline (5 s) and some slack
            // (a connection closed within a second is not a handshake given up: another test's straggler
            // that still knew this port, say; it is listed in the message but not judged)
            await().atMost(CONVERGE).until(() -> heldMs.stream().anyMatch(ms -> ms >= 1_000));
            assertThat(heldMs.stream().filter(ms -> ms >= 1_000).findFirst().orElseThrow()).as("connections held (ms): " + heldMs)
                    .isBetween(4_000L, 8_000L);
            assertThat(client.connected()).isFalse();
        }
        cluster.startServer(port);
        await().atMost(CONVERGE).until(() -> has(client.folder().resolve("hello.txt"), "at last\n"));
        assertThat(client.connected()).isTrue();
    }

    /** Accepts connections and never writes a byte; records how long each lasted until the client closed it. */
    private static void hold(ServerSocket silent, List<Long> heldMs) {
        while (!silent.isClosed()) {
            try (Socket accepted = silent.accept()) {
                long start = System.nanoTime();
                accepted.setSoTimeout(20_000);
                try {
                    while (accepted.getInputStream().read() >= 0) {
                        // the client's TLS ClientHello: read and ignored
                    }
                }
                catch (SocketTimeoutException e) {
                    continue; // the client never gave up: no entry, the test times out
                }
                catch (IOException e) {
                    // reset by the client: it gave up too
                }
                heldMs.add((System.nanoTime() - start) / 1_000_000);
            }
            catch (IOException e) {
                return; // closed
            }
        }
    }
}
