package io.foldersync.link.admission;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.foldersync.link.tls.Fingerprints;
import io.foldersync.protocol.FrameCodec;
import io.foldersync.protocol.Limits;

/**
 * One sync connection, plain or TLS, that costs little until the peer has authenticated:
 * <ul>
 * <li>before {@link #authenticated()}, frames are read with {@link FrameCodec#deserializeBeforeHandshake}:
 * headers up to {@link Limits#MAX_HEADER_BYTES_BEFORE_HANDSHAKE}, content never read;</li>
 * <li>the handshake (TLS included) has a deadline: past it the plain socket under TLS is closed,
 * which ends even a stalled TLS handshake at once; each read is also bounded by it;</li>
 * <li>an admission slot (server) is held until then.</li>
 * </ul>
 * Reads are buffered (the codec reads the length prefix byte by byte), and an {@link Error} on the
 * reader thread closes this connection, logged, instead of silently killing the thread and
 * leaving a connection nobody reads.
 */
public final class GuardedConnection extends TcpNetConnection {

    private static final Log log = LogFactory.getLog(GuardedConnection.class);

    /** Large enough for a TLS record (16 KiB) several times over, and for many small frames per read. */
    static final int READ_BUFFER_BYTES = 64 * 1024;

    private final Socket socket;

    private final Socket plain;

    private final Admission.Slot slot;

    private final GuardedConnections guards;

    private volatile ScheduledFuture<?> deadline;

    private volatile boolean authenticated;

    private volatile String refused;

    private InputStream input;

    private final CountDownLatch closed = new CountDownLatch(1);

    private final SocketInfo socketInfo;

    GuardedConnection(Socket socket, Socket plain, boolean server, boolean lookupHost,
            ApplicationEventPublisher publisher, String factoryName, Admission.Slot slot, GuardedConnections guards) {
        super(socket, server, lookupHost, publisher, factoryName);
        this.socket = socket;
        this.plain = plain;
        this.slot = slot;
        this.guards = guards;
        this.socketInfo = new KnownLocalAddress(socket);
    }

    /**
     * Spring Integration adds the local address to the headers of every message it reads, which asks
     * the kernel for it ({@code getsockname}) twice per frame: 10,000 system calls in a first sync of
     * 5,000 files. A connection's local address does not change; it is asked once.
     */
    @Override
    public SocketInfo getSocketInfo() {
        return socketInfo;
    }

    private static final class KnownLocalAddress extends SocketInfo {

        private final java.net.InetAddress localAddress;

        KnownLocalAddress(Socket socket) {
            super(socket);
            this.localAddress = socket.getLocalAddress();
        }

        @Override
        public java.net.InetAddress getLocalAddress() {
            return localAddress;
        }
    }

    void startDeadline(ScheduledFuture<?> deadline) {
        this.deadline = deadline;
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /**
     * The peer proved it knows the token: full frames from now on, no deadline, no admission slot.
     * Called on the reader thread while it handles the frame that completed the handshake, so the
     * next frame is already read with the full limits.
     */
    public void authenticated() {
        if (authenticated) {
            return;
        }
        authenticated = true;
        cancelDeadline();
        slot.release();
        try {
            socket.setSoTimeout(0); // liveness is the heartbeat's business from now on
        }
        catch (SocketException e) {
            log.debug("connection " + getConnectionId() + " closed while authenticating", e);
        }
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /**
     * The server certificate's fingerprint as this side sees it on this connection, {@code ""} on
     * plain TCP: the {@code fp} of the handshake's HMACs. Call it after a frame arrived.
     */
    public String serverFingerprint() {
        if (socket instanceof SSLSocket tls) {
            return Fingerprints.ofServer(tls.getSession(), isServer());
        }
        return Fingerprints.PLAIN;
    }

    /** This side refuses the peer (an ERROR that ends the connection, a deadline): counted by {@code code}. */
    public void refused(String code, String why) {
        if (refused == null) {
            refused = code;
            guards.refusals().refused(code, getHostAddress() + ":" + getPort(), why);
        }
    }

    void handshakeTimedOut() {
        if (authenticated || !isOpen()) {
            return;
        }
        refused(GuardedConnections.HANDSHAKE_TIMEOUT, (isServer() ? "no" : "the server completed no")
                + " handshake within " + guards.handshakeTimeout().toSeconds() + " s");
        setNoReadErrorOnClose(true);
        try {
            // unblocks the reader at once, even inside a TLS handshake; the reader then closes the connection.
            // Only the plain socket: closing the TLS one may wait for its locks, and this timer serves every connection
            plain.close();
        }
        catch (IOException e) {
            log.debug("closing " + getConnectionId(), e);
        }
        cancelDeadline();
        slot.release();
    }

    /**
     * Once this side has refused the peer (an ERROR that ends the connection is on its way), the
     * rest of the stream is out of step or unwanted: reading on would turn every 4 bytes of a
     * stranger's junk into one more refusal. The reader waits instead for the writer to send the
     * ERROR and close (bounded by the deadline), then ends quietly.
     */
    @Override
    public Object getPayload() {
        if (refused != null) {
            try {
                if (!plain.isClosed()) {
                    closed.await(guards.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            setNoReadErrorOnClose(true);
            throw new SoftEndOfStreamException("connection refused (" + refused + "): not reading any further");
        }
        return super.getPayload();
    }

    @Override
    public Deserializer<?> getDeserializer() {
        Deserializer<?> deserializer = super.getDeserializer();
        if (!authenticated && deserializer instanceof FrameCodec codec) {
            return in -> codec.deserializeBeforeHandshake(in, Limits.MAX_HEADER_BYTES_BEFORE_HANDSHAKE);
        }
        return deserializer;
    }

    @Override
    protected InputStream inputStream() throws IOException {
        if (input == null) {
            // only the reader thread reads; it is also the first to ask
            input = new BufferedInputStream(super.inputStream(), READ_BUFFER_BYTES);
        }
        return input;
    }

    @Override
    protected boolean handleReadException(Exception exception) {
        Throwable cause = exception instanceof UncheckedIOException ? exception.getCause() : exception;
        if (!authenticated && refused == null) {
            if (cause instanceof SSLException tls) {
                String message = String.valueOf(tls.getMessage());
                refused(GuardedConnections.TLS_FAILED, "TLS handshake failed: " + message
                        + (message.contains("plaintext") || message.contains("Unsupported or unrecognized")
                                ? " (a peer speaking plain TCP? foldersync.tls.enabled must be the same on both sides)"
                                : ""));
                setNoReadErrorOnClose(true);
            }
            else if (cause instanceof SocketTimeoutException) {
                refused(GuardedConnections.HANDSHAKE_TIMEOUT, "nothing arrived for "
                        + guards.handshakeTimeout().toSeconds() + " s during the handshake");
            }
            else if (cause instanceof IOException) {
                // a stranger's broken connection before it said who it is: noise, not an error of ours
                log.debug("connection " + getConnectionId() + " ended before the handshake: " + cause);
                setNoReadErrorOnClose(true);
            }
        }
        else if (cause instanceof java.net.SocketException) {
            // the peer went away (killed, rebooted, network gone): both sides' links say so and reconnect;
            // Spring Integration's ERROR with no stack trace would only alarm whoever reads the log
            log.info("connection " + getConnectionId() + " lost: " + cause.getMessage());
            setNoReadErrorOnClose(true);
        }
        return super.handleReadException(exception);
    }

    @Override
    public void run() {
        try {
            super.run();
        }
        catch (Throwable e) { // NOPMD an Error must not end the reader silently with the connection left open
            log.error("connection " + getConnectionId() + " failed on its reader thread; closing it", e);
            close();
        }
    }

    @Override
    public void close() {
        cancelDeadline();
        slot.release();
        super.close();
        closed.countDown();
    }

    private void cancelDeadline() {
        ScheduledFuture<?> current = deadline;
        if (current != null) {
            current.cancel(false);
        }
    }
}
