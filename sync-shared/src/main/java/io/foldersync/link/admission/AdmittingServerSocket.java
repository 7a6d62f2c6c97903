package io.foldersync.link.admission;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The sync port's server socket: every accepted connection first asks {@link Admission} for a
 * slot. One without is reset and closed here, on the accept thread, before TLS, a reader thread
 * or a session is spent on it; the next one is accepted at once.
 */
final class AdmittingServerSocket extends ServerSocket {

    private final Admission admission;

    private final Refusals refusals;

    AdmittingServerSocket(int port, int backlog, InetAddress address, Admission admission, Refusals refusals)
            throws IOException {
        super(port, backlog, address);
        this.admission = admission;
        this.refusals = refusals;
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            Socket socket = super.accept();
            admission.releaseUnclaimed();
            if (!usable(socket)) {
                continue;
            }
            Admission.Slot slot = admission.admit(socket.getInetAddress());
            if (slot.refusal() == null) {
                admission.hold(socket, slot);
                return socket;
            }
            try {
                socket.setSoLinger(true, 0); // a reset: no TIME_WAIT left behind per refused stranger
                socket.close();
            }
            catch (IOException e) {
                // it is closed either way
            }
            refusals.refused(slot.refusal(), socket.getInetAddress().getHostAddress(),
                    slot.refusal().equals(Admission.TOO_MANY_FROM_ADDRESS)
                            ? "too many connections from this address are in the handshake"
                            : "too many connections are in the handshake");
        }
    }

    /**
     * A peer may reset its connection before we even look at it. Spring Integration sets socket
     * options right after the accept, and an exception there ends its accept loop for good; a socket
     * that fails them here is dropped instead, and the next one accepted.
     */
    private static boolean usable(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(false);
            return true;
        }
        catch (IOException e) {
            try {
                socket.close();
            }
            catch (IOException closing) {
                e.addSuppressed(closing);
            }
            return false;
        }
    }
}
