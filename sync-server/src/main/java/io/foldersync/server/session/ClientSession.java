package io.foldersync.server.session;

import java.util.concurrent.atomic.AtomicLong;

import io.foldersync.link.Outgoing;
import io.foldersync.link.PeerLink;
import io.foldersync.protocol.SyncMessage;

/**
 * Everything the server knows about one connection, in one place: where the handshake stands,
 * who the client is, which folder it mirrors, its clock offset, its send queue and its counters.
 */
public final class ClientSession {

    enum Stage { AWAITING_HELLO, AWAITING_AUTH, READY, CLOSED }

    private final PeerLink link;

    private final long openedAt;

    volatile Stage stage = Stage.AWAITING_HELLO;

    volatile String clientId;

    volatile String clientNonce;

    volatile String serverNonce;

    /** Server clock minus client clock, as the client measured it at WELCOME (or estimated from HELLO). */
    volatile long clockOffsetMs;

    /** The folder this client mirrors; file messages without a folder field mean this one. */
    volatile String folder;

    /** The optional features both sides listed in the handshake. */
    volatile java.util.Set<String> features = java.util.Set.of();

    final AtomicLong missed = new AtomicLong();

    final AtomicLong filesIn = new AtomicLong();

    final AtomicLong bytesIn = new AtomicLong();

    final AtomicLong filesOut = new AtomicLong();

    final AtomicLong bytesOut = new AtomicLong();

    ClientSession(PeerLink link, long openedAt) {
        this.link = link;
        this.openedAt = openedAt;
    }

    public PeerLink link() {
        return link;
    }

    public String connectionId() {
        return link.connectionId();
    }

    public String clientId() {
        return clientId;
    }

    public String folder() {
        return folder;
    }

    /** Points the session at another folder, after a switch of the active folder. */
    public void mirror(String folder) {
        this.folder = folder;
    }

    /** The optional features both sides listed in the handshake. */
    public java.util.Set<String> features() {
        return features;
    }

    /** True when both sides listed {@code feature} in the handshake. */
    public boolean has(String feature) {
        return features.contains(feature);
    }

    public boolean isReady() {
        return stage == Stage.READY && link.isOpen();
    }

    long openedAt() {
        return openedAt;
    }

    public long clockOffsetMs() {
        return clockOffsetMs;
    }

    /** The offset the client measured at WELCOME (it tells us with its MANIFEST_REQUEST). */
    public void clockOffset(long millis) {
        this.clockOffsetMs = millis;
    }

    public long filesIn() {
        return filesIn.get();
    }

    public long bytesIn() {
        return bytesIn.get();
    }

    public long filesOut() {
        return filesOut.get();
    }

    public long bytesOut() {
        return bytesOut.get();
    }

    public boolean send(Outgoing outgoing) {
        return link.send(outgoing);
    }

    public boolean send(SyncMessage message) {
        return link.send(message);
    }

    /** Queues a frame only if there is room now (see {@link PeerLink#offer}); counts what a busy client missed. */
    public boolean offer(Outgoing outgoing) {
        if (link.offer(outgoing)) {
            return true;
        }
        missed.incrementAndGet();
        return false;
    }

    /** Broadcast changes this client missed because it was behind; its next SUMMARY brings them. */
    public long missed() {
        return missed.get();
    }

    /** Frames queued for the client and not yet written. */
    public int pending() {
        return link.pending();
    }

    public void countIn(long bytes) {
        filesIn.incrementAndGet();
        bytesIn.addAndGet(bytes);
    }

    /** A name for logs: the client id once known, the address before. */
    public String name() {
        return clientId != null ? clientId : link.remoteAddress();
    }
}
