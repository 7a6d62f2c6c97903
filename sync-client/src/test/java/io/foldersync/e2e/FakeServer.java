package io.foldersync.e2e;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.foldersync.protocol.Frame;
import io.foldersync.protocol.FrameCodec;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;

/**
 * A server that is not foldersync: a plain server socket speaking frames by hand through
 * {@link FrameCodec}, each accepted connection run by the test's script on a thread of its own.
 * Every read is bounded by a socket timeout. Failures of a script are kept for the test to see.
 */
final class FakeServer implements AutoCloseable {

    static final int READ_TIMEOUT_MS = 10_000;

    /** What the fake does with one connection. */
    @FunctionalInterface
    interface Script {
        void run(Connection connection) throws Exception;
    }

    private final ServerSocket socket;

    private final FrameCodec codec;

    private final Script script;

    private final Thread acceptor;

    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    FakeServer(Path spool, Script script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.codec = new FrameCodec(Limits.of(1024 * 1024, Long.MAX_VALUE), spool);
        this.script = script;
        this.acceptor = new Thread(this::accept, "fake-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket accepted = socket.accept();
                Thread t = new Thread(() -> {
                    Connection[] holder = new Connection[1];
                    try (Connection connection = new Connection(accepted)) {
                        holder[0] = connection;
                        script.run(connection);
                    }
                    catch (SoftEndOfStreamException e) {
                        // a connection closed before it said anything is no script failure (seen once in a full
                        // run: a connection that sent no byte); one closed mid-conversation is
                        if (holder[0] == null || holder[0].framesRead > 0) {
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

    final class Connection implements AutoCloseable {

        private final Socket socket;

        private final InputStream in;

        private final OutputStream out;

        volatile int framesRead;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(READ_TIMEOUT_MS);
            this.in = socket.getInputStream();
            this.out = new BufferedOutputStream(socket.getOutputStream());
        }

        void send(SyncMessage message) throws IOException {
            send(Frame.of(message));
        }

        void send(Frame frame) throws IOException {
            codec.serialize(frame, out);
            out.flush();
        }

        /** The next frame that is not a PING. */
        Frame next() throws IOException {
            while (true) {
                Frame frame = codec.deserialize(in);
                framesRead++;
                if (!(frame.message() instanceof SyncMessage.Ping)) {
                    return frame;
                }
            }
        }

        /** The next message of {@code type}, skipping others. */
        <T extends SyncMessage> T next(Class<T> type) throws IOException {
            while (true) {
                SyncMessage message = next().message();
                if (type.isInstance(message)) {
                    return type.cast(message);
                }
            }
        }

        /** True when the client closes the connection within the read timeout (frames before that are skipped). */
        boolean closedByClient() throws IOException {
            try {
                while (true) {
                    codec.deserialize(in);
                }
            }
            catch (SoftEndOfStreamException | EOFException | SocketException e) {
                return true;
            }
            catch (SocketTimeoutException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
