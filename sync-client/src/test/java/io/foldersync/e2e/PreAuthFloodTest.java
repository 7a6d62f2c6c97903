package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.link.tls.TlsSockets;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.RawPeer;
import io.foldersync.server.ServerApplication;
import io.foldersync.server.web.Http;

/**
 * Hundreds of strangers against a server running as a JVM of its own with a 256 MB heap: most
 * complete TLS and announce a 1 MB header, send 32 KB of it and stop; some speak no TLS at all;
 * a quarter connect and say nothing. They come from nine loopback addresses (one of them with
 * more than its share), so both admission caps are hit. The server keeps serving: a change
 * written during the flood reaches its client, and a client that knows the token gets in during
 * the flood. It closes every stranger within seconds, and counts what it refused.
 */
class PreAuthFloodTest {

    static final int STRANGERS = 320;

    static final int ADDRESSES = 8;

    /** Silent strangers from one more address, beyond its cap of 16. */
    static final int NOISY = 24;

    static final String SILENT = "silent";

    static final String PLAIN = "plain";

    static final String LARGE_HEADER = "large-header";

    /** Every stranger must be closed by then after the last one was sent: the 5 s handshake deadline and slack. */
    static final Duration CLOSED_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path base;

    SyncCluster cluster;

    Process server;

    final List<Socket> strangers = new CopyOnWriteArrayList<>();

    final java.util.Map<Socket, String> kinds = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Socket s : strangers) {
            closeQuietly(s);
        }
        if (cluster != null) {
            cluster.close();
        }
        if (server != null) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void strangersBeforeTheHandshakeCostLittleAndAreClosedWhileClientsAreServed() throws Exception {
        cluster = SyncCluster.create(base, "docs");
        write(cluster.serverFolder().resolve("before.txt"), "before the flood\n");
        int syncPort = SyncCluster.freePort();
        int httpPort = SyncCluster.freePort();
        startServerProcess(syncPort, httpPort);
        SyncCluster.ClientNode alpha = cluster.startClientAt("alpha", syncPort);
        await().atMost(CONVERGE).until(() -> has(alpha.folder().resolve("before.txt"), "before the flood\n"));

        AtomicInteger refusedAtOnce = new AtomicInteger();
        // one noisy address first: more silent strangers than one address may have in the handshake
        for (int i = 0; i < NOISY; i++) {
            stranger(SILENT, "127.0.0.10", syncPort, null, refusedAtOnce);
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        TlsSockets tls = TlsSockets.client(null, why -> { });
        for (int i = 0; i < STRANGERS; i++) {
            int n = i;
            String kind = n % 4 == 3 ? SILENT : n % 8 == 6 ? PLAIN : LARGE_HEADER;
            pool.execute(() -> stranger(kind, "127.0.0." + (2 + n % ADDRESSES), syncPort, tls, refusedAtOnce));
        }
        // meanwhile: a change on the server, and a legitimate client connecting in the middle of the flood
        write(cluster.serverFolder().resolve("during.txt"), "written during the flood\n");
        SyncMessage.Welcome welcome = await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200))
                .until(() -> legitimateHandshake(syncPort), w -> w != null);
        assertThat(welcome.folder()).isEqualTo("docs");
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        long sentAll = System.nanoTime();

        // every stranger still open is closed by the server within the deadline
        for (Socket stranger : strangers) {
            assertThat(closedByServerBefore(stranger, sentAll + CLOSED_WITHIN.toNanos()))
                    .as("stranger (" + kinds.get(stranger) + ") from " + stranger.getLocalAddress() + ":" + stranger.getLocalPort()
                            + " closed within " + CLOSED_WITHIN + " of " + java.time.Instant.now()).isTrue();
        }
        assertThat(strangers.size() + refusedAtOnce.get()).isEqualTo(STRANGERS + NOISY);

        await().atMost(CONVERGE).until(() -> has(alpha.folder().resolve("during.txt"), "written during the flood\n"));
        assertThat(alpha.connected()).isTrue();
        assertThat(server.isAlive()).isTrue();
        String prometheus = Http.get(httpPort, "/actuator/prometheus", null).body();
        for (String code : List.of("BAD_FRAME", "TLS_FAILED", "HANDSHAKE_TIMEOUT")) {
            assertThat(refused(prometheus, code)).as(code).isPositive();
        }
        assertThat(Math.max(refused(prometheus, "TOO_MANY_FROM_ADDRESS"), refused(prometheus, "TOO_MANY_UNAUTHENTICATED")))
                .isPositive();
        await().atMost(CONVERGE).until(() -> Http.sample(Http.get(httpPort, "/actuator/prometheus", null).body(),
                "foldersync_connections_unauthenticated") == 0);
    }

    private static double refused(String prometheus, String code) {
        return Http.sample(prometheus, "foldersync_connections_refused_total", "code=\"" + code + "\"");
    }

    /** A client that knows the token, from 127.0.0.1; null when it was refused (the caps were full): try again. */
    private SyncMessage.Welcome legitimateHandshake(int port) {
        try (RawPeer peer = RawPeer.connect(port, base.resolve("spool"), true)) {
            return peer.handshake("legit-" + System.nanoTime(), SyncCluster.TOKEN);
        }
        catch (IOException | ClassCastException e) {
            return null;
        }
    }

    /** One stranger: TLS and a large header, plain bytes on the TLS port, or silence. */
    private void stranger(String kind, String from, int port, TlsSockets tls, AtomicInteger refusedAtOnce) {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            Socket stranger = socket;
            if (kind.equals(PLAIN)) {
                sendLargeHeader(socket.getOutputStream()); // no TLS: refused by the TLS handshake
            }
            else if (kind.equals(LARGE_HEADER)) {
                stranger = tls.layer(socket, false);
                sendLargeHeader(stranger.getOutputStream());
            }
            // SILENT: holds its slot until the handshake deadline
            strangers.add(stranger);
            kinds.put(stranger, kind + " sent at " + java.time.Instant.now());
        }
        catch (IOException e) {
            // refused at the accept (reset) or closed by the server already: cheap either way
            refusedAtOnce.incrementAndGet();
            closeQuietly(socket);
        }
    }

    private static void sendLargeHeader(OutputStream out) throws IOException {
        out.write(new byte[] { 0, 0x10, 0, 0 }); // announces 1 MB
        out.write(("{\"type\":\"HELLO\",\"clientId\":\"" + "x".repeat(32 * 1024)).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static boolean closedByServerBefore(Socket socket, long deadlineNanos) throws IOException {
        long left = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        socket.setSoTimeout((int) left);
        try {
            byte[] buffer = new byte[4096];
            while (socket.getInputStream().read(buffer) >= 0) {
                // an ERROR frame or a TLS alert: the end follows
                socket.setSoTimeout((int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
            }
            return true;
        }
        catch (SocketTimeoutException e) {
            return false;
        }
        catch (IOException e) {
            return true; // reset, or the TLS layer saw the close
        }
    }

    private void startServerProcess(int syncPort, int httpPort) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ServerApplication.class.getName()));
        command.addAll(cluster.serverArgs(syncPort, httpPort));
        Path log = base.resolve("server-process.log");
        server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(server.isAlive()).as("server process exited early; see " + log).isTrue();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200;
            }
            catch (IOException e) {
                return false;
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException e) {
            // closing anyway
        }
    }
}
