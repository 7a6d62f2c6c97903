package io.foldersync.link.admission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketFactorySupport;

import io.foldersync.link.tls.TlsSockets;

/**
 * How a side's connection factory builds its connections: each one a {@link GuardedConnection},
 * TLS layered over the TCP socket unless the side runs plain, with a handshake deadline enforced
 * by a timer of its own (to the second, whatever the sync interval), and on the server behind
 * {@link Admission}. One instance per side; {@link #close()} stops its timer.
 */
public final class GuardedConnections implements TcpNetConnectionSupport, AutoCloseable {

    /** A handshake (TLS included: a few round trips) takes milliseconds; a peer slower than this is not worth waiting for. */
    public static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(5);

    /** Codes of refused connections (besides the protocol's error codes and {@link Admission}'s). */
    public static final String HANDSHAKE_TIMEOUT = "HANDSHAKE_TIMEOUT";

    public static final String TLS_FAILED = "TLS_FAILED";

    /** Connections the kernel may queue before they are accepted (Spring Integration's default is 5). */
    static final int ACCEPT_BACKLOG = 512;

    private final TlsSockets tls;

    private final Admission admission;

    private final Refusals refusals;

    private final Duration handshakeTimeout;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "foldersync-handshake-deadline");
        t.setDaemon(true);
        return t;
    });

    private GuardedConnections(TlsSockets tls, Admission admission, Refusals refusals, Duration handshakeTimeout) {
        this.tls = tls;
        this.admission = admission;
        this.refusals = refusals;
        this.handshakeTimeout = handshakeTimeout;
    }

    /** The server's: {@code tls} null for plain TCP. */
    public static GuardedConnections server(TlsSockets tls, Admission admission, Refusals refusals,
            Duration handshakeTimeout) {
        return new GuardedConnections(tls, admission, refusals, handshakeTimeout);
    }

    /** The client's: {@code tls} null for plain TCP. */
    public static GuardedConnections client(TlsSockets tls, Refusals refusals, Duration handshakeTimeout) {
        return new GuardedConnections(tls, null, refusals, handshakeTimeout);
    }

    public TcpNetServerConnectionFactory guard(TcpNetServerConnectionFactory factory) {
        factory.setTcpSocketFactorySupport(new AdmittingSockets());
        factory.setTcpNetConnectionSupport(this);
        // no reverse DNS lookup of each peer: it runs on the accept thread, and a slow resolver would stall every accept
        factory.setLookupHost(false);
        // a burst (every client reconnecting after a restart, or a flood) must not overflow the kernel's accept
        // queue: overflowing connections hang half-open for seconds, unseen by admission and deadlines
        factory.setBacklog(ACCEPT_BACKLOG);
        return factory;
    }

    public TcpNetClientConnectionFactory guard(TcpNetClientConnectionFactory factory) {
        factory.setTcpNetConnectionSupport(this);
        factory.setLookupHost(false);
        return factory;
    }

    public boolean isTls() {
        return tls != null;
    }

    Refusals refusals() {
        return refusals;
    }

    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    @Override
    public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
            ApplicationEventPublisher publisher, String factoryName) {
        Admission.Slot slot = admission != null && server ? admission.claim(socket) : Admission.Slot.NONE;
        try {
            // each read of the handshake, the TLS one included, is bounded too; lifted at authentication
            socket.setSoTimeout((int) handshakeTimeout.toMillis());
            Socket layered = tls != null ? tls.layer(socket, server) : socket;
            GuardedConnection connection = new GuardedConnection(layered, socket, server, false, publisher,
                    factoryName, slot, this);
            connection.startDeadline(timer.schedule(connection::handshakeTimedOut, handshakeTimeout.toMillis(),
                    TimeUnit.MILLISECONDS));
            return connection;
        }
        catch (IOException e) {
            slot.release();
            throw new UncheckedIOException("cannot set up the connection with " + socket.getInetAddress(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The server socket of the sync port asks {@link Admission} before it hands a connection over. */
    private final class AdmittingSockets implements TcpSocketFactorySupport {

        @Override
        public ServerSocketFactory getServerSocketFactory() {
            return new ServerSocketFactory() {
                @Override
                public ServerSocket createServerSocket(int port) throws IOException {
                    return createServerSocket(port, 50, null);
                }

                @Override
                public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                    return createServerSocket(port, backlog, null);
                }

                @Override
                public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                    return new AdmittingServerSocket(port, backlog, address,
                            admission != null ? admission : new Admission(), refusals);
                }
            };
        }

        @Override
        public SocketFactory getSocketFactory() {
            return SocketFactory.getDefault();
        }
    }
}
