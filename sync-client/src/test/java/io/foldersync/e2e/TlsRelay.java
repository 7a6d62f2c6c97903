package io.foldersync.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.foldersync.link.tls.TlsSockets;

/**
 * A man in the middle: it terminates the client's TLS with a certificate of its own (as any
 * interceptor must: it does not have the server's key), opens its own TLS connection to the real
 * server, and relays the decrypted bytes both ways, unchanged.
 */
final class TlsRelay implements AutoCloseable {

    private final ServerSocket socket;

    private final TlsSockets towardsClients = TlsSockets.server(FakeServer.certificate());

    private final TlsSockets towardsServer = TlsSockets.client(null, why -> { });

    private final int serverPort;

    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /** Bytes relayed from the client to the server: proof that the client's frames did cross. */
    final AtomicLong relayedToServer = new AtomicLong();

    TlsRelay(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tls-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = towardsClients.layer(socket.accept(), true);
                Socket server = towardsServer.layer(new Socket(InetAddress.getLoopbackAddress(), serverPort), false);
                open.add(client);
                open.add(server);
                pump(client, server, relayedToServer);
                pump(server, client, new AtomicLong());
            }
            catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    counter.addAndGet(n);
                }
            }
            catch (IOException e) {
                // one side closed: so does the other
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tls-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        }
        catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        open.forEach(TlsRelay::closeQuietly);
    }
}
