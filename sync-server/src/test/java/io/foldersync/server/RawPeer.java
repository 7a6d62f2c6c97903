package io.foldersync.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.foldersync.link.tls.Fingerprints;
import io.foldersync.link.tls.TlsSockets;

import io.foldersync.protocol.Content;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.FrameCodec;
import io.foldersync.protocol.Handshake;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;

/**
 * A protocol peer spoken by hand over a socket, plain or TLS: frames go through {@link FrameCodec},
 * and every byte sent and received (inside TLS) is captured, so a test can check what crossed the
 * wire. Every read is bounded by the socket timeout. Over TLS it trusts any server certificate,
 * as the real client does, and uses the fingerprint it sees in the handshake.
 */
public final class RawPeer implements AutoCloseable {

    static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;

    private final FrameCodec codec;

    private final InputStream in;

    private final OutputStream out;

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    private volatile int framesRead;

    String clientNonce;

    String serverNonce;

    /** A client-side peer connected to {@code port} on loopback, over plain TCP. */
    public RawPeer(int port, Path spool) throws IOException {
        this(new Socket("127.0.0.1", port), spool);
    }

    /** A client-side peer connected to {@code port} on loopback, over TLS when {@code tls}. */
    public static RawPeer connect(int port, Path spool, boolean tls) throws IOException {
        Socket plain = new Socket("127.0.0.1", port);
        return new RawPeer(tls ? TlsSockets.client(null, why -> { }).layer(plain, false) : plain, spool);
    }

    /** The {@code fp} of the handshake as this peer sees it: the server certificate's fingerprint, "" on plain TCP. */
    public String fingerprint() {
        if (socket instanceof SSLSocket tls) {
            return Fingerprints.ofServer(tls.getSession(), !tls.getUseClientMode());
        }
        return Fingerprints.PLAIN;
    }

    /** A peer on an existing socket, e.g. one a fake server accepted. */
    public RawPeer(Socket socket, Path spool) throws IOException {
        // (a TLS socket: its handshake runs at the first read or write)
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MS);
        this.codec = new FrameCodec(Limits.of(1024 * 1024, Long.MAX_VALUE), spool);
        this.in = new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    received.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    received.write(buffer, offset, n);
                }
                return n;
            }
        };
        this.out = new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(int b) throws IOException {
                sent.write(b);
                super.out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                sent.write(bytes, offset, length);
                super.out.write(bytes, offset, length);
            }
        };
    }

    /** Authenticates as {@code clientId} with {@code token} and returns the WELCOME. */
    public SyncMessage.Welcome handshake(String clientId, String token) throws IOException {
        return handshake(clientId, token, List.of());
    }

    /** Authenticates listing these optional {@code features} in HELLO, and returns the WELCOME. */
    public SyncMessage.Welcome handshake(String clientId, String token, List<String> features) throws IOException {
        return (SyncMessage.Welcome) authenticate(clientId, token, features);
    }

    /** HELLO, then AUTH with {@code token}: returns the server's answer, a WELCOME or an ERROR. */
    public SyncMessage authenticate(String clientId, String token, List<String> features) throws IOException {
        clientNonce = Handshake.newNonce();
        send(new SyncMessage.Hello(Limits.PROTOCOL_VERSION, clientId, clientNonce, features, System.currentTimeMillis()));
        SyncMessage.Challenge challenge = (SyncMessage.Challenge) next();
        serverNonce = challenge.nonce();
        send(new SyncMessage.Auth(new Handshake(token).clientAnswer(serverNonce, clientNonce, fingerprint())));
        return next();
    }

    /** The WELCOME proof a server knowing {@code token} gives on this connection (after {@link #handshake}). */
    public String expectedProof(String token) {
        return new Handshake(token).serverProof(clientNonce, serverNonce, fingerprint());
    }

    public SyncMessage.Hello hello(String clientId, int version) {
        clientNonce = Handshake.newNonce();
        return new SyncMessage.Hello(version, clientId, clientNonce, List.of(), System.currentTimeMillis());
    }

    public void send(SyncMessage message) throws IOException {
        send(Frame.of(message));
    }

    public void send(SyncMessage message, byte[] content) throws IOException {
        send(new Frame(message, Content.of(content)));
    }

    public void send(Frame frame) throws IOException {
        codec.serialize(frame, out);
        out.flush();
    }

    /** Writes raw bytes: for frames the codec would never produce. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame that is not a heartbeat (PING) or a periodic SUMMARY. */
    public SyncMessage next() throws IOException {
        return nextFrame().message();
    }

    public Frame nextFrame() throws IOException {
        while (true) {
            Frame frame = codec.deserialize(in);
            framesRead++;
            SyncMessage message = frame.message();
            if (!(message instanceof SyncMessage.Ping) && !(message instanceof SyncMessage.Summary)) {
                return frame;
            }
        }
    }

    /** The next message of {@code type}, skipping the others. */
    public <T extends SyncMessage> T next(Class<T> type) throws IOException {
        while (true) {
            SyncMessage message = next();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    /** How many frames were read so far (heartbeats included). */
    public int framesRead() {
        return framesRead;
    }

    /** The next ERROR, failing on anything else. */
    public SyncMessage.Error nextError() throws IOException {
        SyncMessage message = next();
        if (!(message instanceof SyncMessage.Error error)) {
            throw new AssertionError("expected an ERROR, got " + message);
        }
        return error;
    }

    /**
     * True when the peer closed the connection: the stream ends (after any frames still in flight,
     * which are skipped) within the read timeout.
     */
    public boolean closedByPeer() throws IOException {
        try {
            while (true) {
                codec.deserialize(in);
            }
        }
        catch (SoftEndOfStreamException | EOFException | SocketException | javax.net.ssl.SSLException e) {
            return true; // over TLS a peer's close may surface as an SSL error
        }
        catch (SocketTimeoutException e) {
            return false;
        }
    }

    public byte[] received() {
        return received.toByteArray();
    }

    public byte[] sent() {
        return sent.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
