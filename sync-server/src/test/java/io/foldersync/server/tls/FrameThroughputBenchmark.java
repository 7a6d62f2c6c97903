package io.foldersync.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.integration.ip.util.TestingUtilities;
import org.springframework.integration.support.MessageBuilder;

import io.foldersync.files.TextFiles;
import io.foldersync.link.FrameConnections;
import io.foldersync.link.admission.Admission;
import io.foldersync.link.admission.GuardedConnection;
import io.foldersync.link.admission.GuardedConnections;
import io.foldersync.link.admission.Refusals;
import io.foldersync.link.tls.TlsSockets;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.FrameCodec;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;

/**
 * Bulk throughput of frames over the sync connection, TLS against plain TCP, on loopback: 100 MB
 * of FILE_UPDATE frames with 20 KB of content each (the small files of a first sync), written by
 * one connection and decoded by the other through the real stack (connection factories, guarded
 * connections, frame codec). Run with {@code ./mvnw -B verify -Pbenchmark}; the figures go to
 * {@code sync-server/target/benchmark/frame-throughput.txt}.
 */
@Tag("benchmark")
class FrameThroughputBenchmark {

    static final int FRAME_CONTENT = 20 * 1024;

    static final int FRAMES = 100 * 1024 * 1024 / FRAME_CONTENT;

    /** The first rounds warm the JIT up (AES-GCM is fast only once compiled with its intrinsics). */
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 6);

    @TempDir
    Path spool;

    @Test
    void tlsKeepsUpWithPlainTcp() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (boolean tls : new boolean[] { false, true }) {
                double mbPerSecond = run(tls);
                String line = String.format("round %d %-5s %,d frames of %,d bytes: %.0f MB/s", round,
                        tls ? "TLS" : "plain", FRAMES, FRAME_CONTENT, mbPerSecond);
                System.out.println(line);
                lines.add(line);
            }
        }
        Path out = Path.of("target", "benchmark", "frame-throughput.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    private double run(boolean tls) throws Exception {
        FrameCodec codec = new FrameCodec(Limits.of(1024 * 1024, Long.MAX_VALUE), spool);
        Refusals refusals = new Refusals(code -> { });
        GuardedConnections serverGuards = GuardedConnections.server(
                tls ? TlsSockets.server(FakeCertificate.bundle()) : null, new Admission(), refusals, Duration.ofSeconds(5));
        GuardedConnections clientGuards = GuardedConnections.client(tls ? TlsSockets.client(null, why -> { }) : null,
                refusals, Duration.ofSeconds(5));
        AtomicLong received = new AtomicLong();
        CountDownLatch all = new CountDownLatch(FRAMES);
        TcpNetServerConnectionFactory server = serverGuards.guard(new TcpNetServerConnectionFactory(0));
        server.setLocalAddress("127.0.0.1");
        FrameConnections.speakFrames(server, codec, new Authenticating());
        server.registerListener(message -> {
            Frame frame = (Frame) message.getPayload();
            received.addAndGet(frame.content().length());
            frame.content().release();
            all.countDown();
        });
        server.setBeanFactory(beans());
        server.setApplicationEventPublisher(event -> { });
        server.afterPropertiesSet();
        server.start();
        TestingUtilities.waitListening(server, 10_000L);
        TcpNetClientConnectionFactory client = clientGuards.guard(new TcpNetClientConnectionFactory("127.0.0.1", server.getPort()));
        FrameConnections.speakFrames(client, codec, new Authenticating());
        client.registerListener(message -> { });
        client.setBeanFactory(beans());
        client.setApplicationEventPublisher(event -> { });
        client.afterPropertiesSet();
        client.start();
        try {
            TcpConnectionSupport connection = client.getConnection();
            byte[] content = text(FRAME_CONTENT);
            String sha = TextFiles.sha256(content);
            Instant start = Instant.now();
            for (int i = 0; i < FRAMES; i++) {
                connection.send(MessageBuilder.withPayload(new Frame(new SyncMessage.FileUpdate("u" + i, "docs",
                        "dir/file-" + i + ".txt", 1_764_000_000_000L, sha, null), Content.of(content))).build());
            }
            assertThat(all.await(120, TimeUnit.SECONDS)).isTrue();
            Duration took = Duration.between(start, Instant.now());
            assertThat(received.get()).isEqualTo((long) FRAMES * FRAME_CONTENT);
            return received.get() / 1e6 / (took.toNanos() / 1e9);
        }
        finally {
            client.stop();
            server.stop();
            serverGuards.close();
            clientGuards.close();
        }
    }

    /** What the factories need from a context: a task scheduler. */
    private static org.springframework.beans.factory.BeanFactory beans() {
        var beans = new org.springframework.beans.factory.support.DefaultListableBeanFactory();
        var scheduler = new org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler();
        scheduler.initialize();
        beans.registerSingleton("taskScheduler", scheduler);
        return beans;
    }

    private static byte[] text(int size) {
        Random random = new Random(42);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 64 == 63 ? '\n' : 'a' + random.nextInt(26));
        }
        return bytes;
    }

    /** Both ends skip the handshake here: the connection is authenticated as soon as it opens. */
    private static final class Authenticating implements TcpSender {

        @Override
        public void addNewConnection(TcpConnection connection) {
            ((GuardedConnection) connection).authenticated();
        }

        @Override
        public void removeDeadConnection(TcpConnection connection) {
        }
    }

    /** A fresh self-signed certificate as a bundle. */
    static final class FakeCertificate {

        static org.springframework.boot.ssl.SslBundle bundle() throws IOException {
            SelfSignedCertificate.Pem pem = SelfSignedCertificate.generate(Instant.now());
            return org.springframework.boot.ssl.SslBundle.of(new org.springframework.boot.ssl.pem.PemSslStoreBundle(
                    org.springframework.boot.ssl.pem.PemSslStoreDetails.forCertificate(pem.certificate())
                            .withPrivateKey(pem.privateKey()), null));
        }
    }
}
