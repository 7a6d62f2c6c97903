package io.foldersync.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay against a real echo server that answers every byte with two. */
class RelayTest {

    private ServerSocket echo;

    private Relay relay;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket();
        echo.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try (Socket socket = echo.accept()) {
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    for (int b; (b = in.read()) >= 0;) {
                        out.write(b);
                        out.write(b);
                        out.flush();
                    }
                }
                catch (IOException closed) {
                    // the test is over
                }
            }
        });
        server.setDaemon(true);
        server.start();
        relay = Relay.start("test", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        echo.close();
    }

    @Test
    void countsEveryByteEachWayAndEachConnection() throws IOException {
        exchange(new byte[] { 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o' });
        exchange(new byte[] { 1, 2, 3 });
        Relay.Counts counts = relay.counts();
        assertThat(counts.up()).isEqualTo(12);
        assertThat(counts.down()).isEqualTo(24);
        assertThat(counts.connections()).isEqualTo(2);
        assertThat(counts.minus(new Relay.Counts(2, 4, 1))).isEqualTo(new Relay.Counts(10, 20, 1));
        assertThat(counts.total()).isEqualTo(36);
    }

    @Test
    void tellsPlainFramesFromATlsHandshake() throws IOException {
        assertThat(relay.transport()).isEqualTo(Relay.Transport.NONE_YET);
        exchange(new byte[] { 0, 0, 0, 2, '{', '}' });
        assertThat(relay.transport()).isEqualTo(Relay.Transport.PLAIN);
        exchange(new byte[] { 0x16, 0x03, 0x01, 0, 4 }); // a TLS record header: handshake, TLS 1.x
        assertThat(relay.transport()).isEqualTo(Relay.Transport.TLS);
    }

    @Test
    void knowsWhenTheWireWentQuiet() throws IOException {
        exchange(new byte[] { 9 });
        assertThat(relay.quietFor(Duration.ofMinutes(1))).isFalse();
        assertThat(relay.quietFor(Duration.ZERO)).isTrue();
    }

    /** Sends the bytes, closes the sending side, reads the echo to its end. */
    private void exchange(byte[] bytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            socket.shutdownOutput();
            byte[] answer = socket.getInputStream().readAllBytes();
            assertThat(answer).hasSize(2 * bytes.length);
        }
    }
}
