package io.foldersync.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.foldersync.server.RawPeer;

/**
 * A server that is not foldersync: a plain server socket whose accepted connections are
 * {@link RawPeer}s (frames by hand), each run by the test's script on a thread of its own.
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

    FakeServer(Path spool, Script script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.spool = spool;
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
                    RawPeer[] holder = new RawPeer[1];
                    try (RawPeer connection = new RawPeer(accepted, spool)) {
                        holder[0] = connection;
                        script.run(connection);
                    }
                    catch (SoftEndOfStreamException e) {
                        // a connection closed before it said anything is no script failure (seen once in a full
                        // run: a connection that sent no byte); one closed mid-conversation is
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
