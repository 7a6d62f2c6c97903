package io.foldersync.link;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.support.MessageBuilder;

import io.foldersync.link.admission.GuardedConnection;
import io.foldersync.link.tls.Fingerprints;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.SyncMessage;

/**
 * The sending half of one connection. Frames are queued (bounded) and written by a thread of
 * the link's own, so a slow or stalled peer only ever blocks that thread: the watcher and the
 * other peers go on. A peer whose queue is full is too far behind; the link closes and the
 * peer catches up by a reconcile when it reconnects.
 */
public final class PeerLink {

    private static final Log log = LogFactory.getLog(PeerLink.class);

    /** Sent after an ERROR that ends the connection: close once everything before it is written. */
    private static final Outgoing CLOSE = () -> null;

    private final TcpConnection connection;

    private final BlockingQueue<Outgoing> queue;

    private final Clock clock;

    private final Thread writer;

    private final Instant connectedSince;

    private final Consumer<Frame> onSent;

    private volatile long lastSent;

    private volatile long lastReceived;

    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    private volatile boolean closed;

    /** How long {@link #send} waits for a full queue to take a frame before the peer counts as stalled. */
    static final long STALL_MS = 30_000;

    private volatile long stallMs = STALL_MS;

    public PeerLink(TcpConnection connection, int capacity, Clock clock, String threadName, Consumer<Frame> onSent) {
        this.connection = connection;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.clock = clock;
        this.onSent = onSent;
        this.connectedSince = clock.instant();
        this.lastSent = clock.millis();
        this.lastReceived = clock.millis();
        this.writer = new Thread(this::writeLoop, threadName);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public String connectionId() {
        return connection.getConnectionId();
    }

    public String remoteAddress() {
        return connection.getHostAddress() + ":" + connection.getPort();
    }

    /** The peer's IP address. */
    public String remoteHost() {
        return connection.getHostAddress();
    }

    public Instant connectedSince() {
        return connectedSince;
    }

    public long lastSent() {
        return lastSent;
    }

    public long lastReceived() {
        return lastReceived;
    }

    public int pending() {
        return queue.size();
    }

    public boolean isOpen() {
        return !closed && connection.isOpen();
    }

    /** The peer proved it knows the token: the connection's pre-handshake limits and deadline end. */
    public void authenticated() {
        if (connection instanceof GuardedConnection guarded) {
            guarded.authenticated();
        }
    }

    /** The {@code fp} of the handshake: the server certificate's fingerprint as seen on this connection, "" on plain TCP. */
    public String serverFingerprint() {
        return connection instanceof GuardedConnection guarded ? guarded.serverFingerprint() : Fingerprints.PLAIN;
    }

    /** Call for every frame that arrives, for the dead-connection check. */
    public void received() {
        lastReceived = clock.millis();
    }

    /**
     * Queues a frame, waiting while the queue is full: the caller is slowed to the peer's pace
     * (back-pressure, e.g. the reader of a client's FILE_REQUESTs). A peer that takes nothing for
     * {@link #STALL_MS} is stalled: the link closes, and the peer reconciles when it reconnects.
     */
    public boolean send(Outgoing outgoing) {
        if (closed) {
            return false;
        }
        try {
            if (queue.offer(outgoing) || queue.offer(outgoing, stallMs, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        log.warn("peer " + remoteAddress() + " took nothing of " + queue.size() + " queued frames for " + stallMs
                + " ms; dropping the connection, it will reconcile when it reconnects");
        close();
        return false;
    }

    /**
     * Queues a frame only if there is room now: for a thread that must not wait for one slow peer
     * (a broadcast to every client). False when the peer is behind; nothing is closed, and the
     * periodic SUMMARY brings the peer up to date once it has caught up.
     */
    public boolean offer(Outgoing outgoing) {
        return !closed && queue.offer(outgoing);
    }

    /** For tests: how long a full queue may stay full before the link is closed. */
    void stallAfter(long ms) {
        this.stallMs = ms;
    }

    public boolean send(SyncMessage message) {
        return send(Outgoing.of(Frame.of(message)));
    }

    /** Sends an error and closes the connection once it is written. */
    public void failAndClose(SyncMessage.Error error) {
        if (connection instanceof GuardedConnection guarded) {
            guarded.refused(error.code(), error.message());
        }
        send(error);
        if (!queue.offer(CLOSE)) {
            close();
        }
    }

    /**
     * Heartbeat duty, called every interval: a PING when we have been silent for one interval,
     * and the end of a connection silent for three.
     */
    public void heartbeat(long intervalMillis) {
        long now = clock.millis();
        if (now - lastReceived >= 3 * intervalMillis) {
            log.warn("no frame from " + remoteAddress() + " for " + (now - lastReceived) + " ms; closing the connection");
            close();
            return;
        }
        if (now - lastSent >= intervalMillis && queue.isEmpty()) {
            offer(Outgoing.of(Frame.of(new SyncMessage.Ping())));
        }
    }

    public void close() {
        closed = true;
        if (closing.compareAndSet(false, true)) {
            writer.interrupt();
            connection.close();
        }
    }

    private void writeLoop() {
        while (!closed) {
            Outgoing next;
            try {
                next = queue.poll(1, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                break;
            }
            if (next == null) {
                continue;
            }
            if (next == CLOSE) {
                close();
                break;
            }
            Frame frame = null;
            try {
                frame = next.build();
                if (frame == null) {
                    continue;
                }
                connection.send(MessageBuilder.withPayload(frame).build());
                lastSent = clock.millis();
                onSent.accept(frame);
            }
            catch (Exception e) {
                if (!closed) {
                    log.warn("sending to " + remoteAddress() + " failed; closing the connection: " + e.getMessage());
                    close();
                }
                break;
            }
            catch (Error e) { // NOPMD a dead writer would leave a connection that never sends: end it, the peer reconnects
                log.error("the writer of the connection to " + remoteAddress() + " failed; closing the connection", e);
                close();
                break;
            }
            finally {
                if (frame != null) {
                    frame.content().release();
                }
            }
        }
        queue.clear();
    }
}
