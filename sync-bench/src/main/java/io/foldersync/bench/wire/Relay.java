package io.foldersync.bench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay on loopback between a client and the server it talks to, counting the bytes each
 * way, the connections, and when the last byte passed. It forwards bytes as they come (no parsing,
 * no buffering beyond one read), so it works for TLS as well as for plain TCP, and it tells which of
 * the two it saw: a TLS connection opens with a handshake record (first byte 0x16).
 *
 * <p>Counts are of TCP payload, the same level as rsync's {@code --stats}: no IP or TCP headers.
 */
public final class Relay implements AutoCloseable {

    /** What the first bytes of the last connection looked like. */
    public enum Transport {
        NONE_YET, PLAIN, TLS
    }

    /** Counters at one moment; subtract two to get what passed in between. */
    public record Counts(long up, long down, long connections) {

        public Counts minus(Counts earlier) {
            return new Counts(up - earlier.up, down - earlier.down, connections - earlier.connections);
        }

        public long total() {
            return up + down;
        }
    }

    private static final int BUFFER = 1 << 16;

    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final String name;

    private final ServerSocket listener;

    private final int targetPort;

    private final AtomicLong up = new AtomicLong();

    private final AtomicLong down = new AtomicLong();

    private final AtomicLong connections = new AtomicLong();

    private final AtomicLong lastByteNanos = new AtomicLong(System.nanoTime());

    private final AtomicReference<Transport> transport = new AtomicReference<>(Transport.NONE_YET);

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private volatile boolean closed;

    private Relay(String name, ServerSocket listener, int targetPort) {
        this.name = name;
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** Listens on a free loopback port and forwards every connection to {@code targetPort} on loopback. */
    public static Relay start(String name, int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Relay relay = new Relay(name, listener, targetPort);
        Thread acceptor = new Thread(relay::acceptLoop, "relay-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return relay;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public Counts counts() {
        return new Counts(up.get(), down.get(), connections.get());
    }

    public Transport transport() {
        return transport.get();
    }

    /** True when no byte has passed either way for at least this long. */
    public boolean quietFor(Duration quiet) {
        return System.nanoTime() - lastByteNanos.get() >= quiet.toNanos();
    }

    /** {@link System#nanoTime()} of the last byte that passed. */
    public long lastByteNanos() {
        return lastByteNanos.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket from;
            try {
                from = listener.accept();
            }
            catch (IOException e) {
                if (!closed) {
                    System.err.println("relay " + name + ": accept failed: " + e.getMessage());
                }
                continue;
            }
            long id = connections.incrementAndGet();
            try {
                Socket to = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                from.setTcpNoDelay(true);
                to.setTcpNoDelay(true);
                sockets.add(from);
                sockets.add(to);
                AtomicInteger ended = new AtomicInteger();
                pump(from, to, up, true, ended, "relay-" + name + "-" + id + "-up");
                pump(to, from, down, false, ended, "relay-" + name + "-" + id + "-down");
            }
            catch (IOException e) {
                // the target is not listening (yet, or any more): the client sees a closed connection, as it would
                closeQuietly(from);
            }
        }
    }

    private void pump(Socket source, Socket sink, AtomicLong counter, boolean clientSide, AtomicInteger ended,
            String threadName) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            boolean first = clientSide;
            try {
                // the streams are not closed here: closing a socket's stream closes the socket, and the
                // other direction may still be running
                InputStream in = source.getInputStream();
                OutputStream out = sink.getOutputStream();
                for (int n; (n = in.read(buffer)) >= 0;) {
                    if (n == 0) {
                        continue;
                    }
                    if (first) {
                        transport.set((buffer[0] & 0xff) == TLS_HANDSHAKE_RECORD ? Transport.TLS : Transport.PLAIN);
                        first = false;
                    }
                    counter.addAndGet(n);
                    lastByteNanos.set(System.nanoTime());
                    out.write(buffer, 0, n);
                    out.flush();
                }
                // an orderly end this way: pass it on, and close once the other direction has ended too
                sink.shutdownOutput();
                if (ended.incrementAndGet() == 2) {
                    closeQuietly(source, sink);
                }
            }
            catch (IOException e) {
                // a reset or a close from the other direction: the connection is over both ways
                closeQuietly(source, sink);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket... toClose) {
        for (Socket socket : toClose) {
            try {
                socket.close();
            }
            catch (IOException e) {
                // closing a socket already reset by its peer: nothing is lost, the connection is over anyway
            }
            sockets.remove(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        }
        catch (IOException e) {
            System.err.println("relay " + name + ": " + e.getMessage());
        }
        closeQuietly(sockets.toArray(Socket[]::new));
    }
}
