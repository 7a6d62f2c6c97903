package io.foldersync.link.admission;

import java.net.InetAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server's cap on connections that have not authenticated yet: at most
 * {@link #MAX_UNAUTHENTICATED} in all and {@link #MAX_UNAUTHENTICATED_PER_ADDRESS} from one
 * address. A connection holds its slot from the TCP accept until it authenticates or closes
 * (at the latest at the handshake deadline); beyond the caps a connection is closed right after
 * the accept, before TLS or a thread is spent on it. Authenticated connections are not counted:
 * a flood of strangers cannot push out clients that are in.
 */
public final class Admission {

    /** Strangers served at once. A handshake takes milliseconds, so legitimate clients hardly ever wait for a slot. */
    public static final int MAX_UNAUTHENTICATED = 64;

    /** Strangers from one address at once: one noisy host cannot take every slot. */
    public static final int MAX_UNAUTHENTICATED_PER_ADDRESS = 16;

    public static final String TOO_MANY_UNAUTHENTICATED = "TOO_MANY_UNAUTHENTICATED";

    public static final String TOO_MANY_FROM_ADDRESS = "TOO_MANY_FROM_ADDRESS";

    private final int max;

    private final int maxPerAddress;

    private final Map<InetAddress, Integer> perAddress = new HashMap<>();

    private int total;

    /** Slots taken at accept, until the connection built on the socket claims them. */
    private final Map<Socket, Slot> accepted = new ConcurrentHashMap<>();

    public Admission() {
        this(MAX_UNAUTHENTICATED, MAX_UNAUTHENTICATED_PER_ADDRESS);
    }

    public Admission(int max, int maxPerAddress) {
        if (max < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("admission caps must be positive");
        }
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    /** A slot for a connection from {@code address}; its {@link Slot#refusal()} is non-null when there is none. */
    public synchronized Slot admit(InetAddress address) {
        if (total >= max) {
            return new Slot(null, TOO_MANY_UNAUTHENTICATED);
        }
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (fromAddress >= maxPerAddress) {
            return new Slot(null, TOO_MANY_FROM_ADDRESS);
        }
        perAddress.put(address, fromAddress + 1);
        total++;
        return new Slot(address, null);
    }

    /** Connections admitted and not yet authenticated or closed. */
    public synchronized int unauthenticated() {
        return total;
    }

    void hold(Socket socket, Slot slot) {
        accepted.put(socket, slot);
    }

    /**
     * Frees the slots of accepted sockets that were closed before a connection claimed them (the
     * connection factory failed on them): normally there are none, and none may leak.
     */
    void releaseUnclaimed() {
        accepted.entrySet().removeIf(entry -> {
            if (entry.getKey().isClosed()) {
                entry.getValue().release();
                return true;
            }
            return false;
        });
    }

    /** The slot taken when {@code socket} was accepted ({@link Slot#NONE} when it went through no admission). */
    Slot claim(Socket socket) {
        Slot slot = accepted.remove(socket);
        return slot != null ? slot : Slot.NONE;
    }

    private synchronized void release(InetAddress address) {
        total--;
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** One admitted connection's place; released once, when it authenticates or closes. */
    public final class Slot {

        static final Slot NONE = new Admission(1, 1).new Slot(null, null);

        private final InetAddress address;

        private final String refusal;

        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(InetAddress address, String refusal) {
            this.address = address;
            this.refusal = refusal;
        }

        /** Why there is no slot ({@link #TOO_MANY_UNAUTHENTICATED}, {@link #TOO_MANY_FROM_ADDRESS}), or null. */
        public String refusal() {
            return refusal;
        }

        public void release() {
            if (address != null && released.compareAndSet(false, true)) {
                Admission.this.release(address);
            }
        }
    }
}
