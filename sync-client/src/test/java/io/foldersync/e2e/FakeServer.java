package io.foldersync.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import java.time.Instant;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.foldersync.link.tls.TlsSockets;
import io.foldersync.server.tls.SelfSignedCertificate;

import io.foldersync.server.RawPeer;

/**
 * A server that is not foldersync: a server socket whose accepted connections are
 * {@link RawPeer}s (frames by hand), each run by the test's script on a thread of its own; over
 * TLS with a certificate of its own (freshly generated), or plain TCP.
 * Every read is bounded by a socket timeout. Failures of a script are kept for the test to see.
 */
final class FakeServer implements AutoCloseable {

    /** What the fake does with one connection. */
    @FunctionalInterface
    interface Script {
        void run(RawPeer connection) throws Exception;
    }

    private final ServerSocket socket;

    private final Path spool;

    private final Script script;

    private final Thread acceptor;

    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private final TlsSockets tls;

    FakeServer(Path spool, boolean tls, Script script) throws IOException {
        this.tls = tls ? TlsSockets.server(certificate()) : null;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.spool = spool;
        this.script = script;
        this.acceptor = new Thread(this::accept, "fake-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A fresh self-signed certificate, as the real server would generate it. */
    static SslBundle certificate() {
        SelfSignedCertificate.Pem pem = SelfSignedCertificate.generate(Instant.now());
        return SslBundle.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(pem.certificate())
                .withPrivateKey(pem.privateKey()), null));
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket plain = socket.accept();
                Socket accepted = tls != null ? tls.layer(plain, true) : plain;
                Thread t = new Thread(() -> {
                    RawPeer[] holder = new RawPeer[1];
                    try (RawPeer connection = new RawPeer(accepted, spool)) {
                        holder[0] = connection;
                        script.run(connection);
                    }
                    catch (SoftEndOfStreamException | javax.net.ssl.SSLHandshakeException e) {
                        // a connection closed before it said anything is no script failure (seen once in a full
                        // run: a connection that sent no byte; and over TLS, a reconnect abandoned during its TLS
                        // handshake, "Remote host terminated the handshake", once in a CI run); one closed
                        // mid-conversation is
                        if (holder[0] == null || holder[0].framesRead() > 0) {
                            failures.add(e);
                        }
                    }
                    catch (Throwable e) {
                        failures.add(e);
                    }
                }, "fake-server-connection");
                t.setDaemon(true);
                t.start();
            }
            catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
