package io.foldersync.client.link;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.Message;

import io.foldersync.link.Outgoing;
import io.foldersync.link.PeerLink;
import io.foldersync.link.SyncLog;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Features;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Handshake;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;

/**
 * The client's side of the protocol on its one connection. The connection factory reports a new
 * connection here ({@link TcpSender}); we send HELLO, answer the CHALLENGE, and check the
 * server's proof in WELCOME: a server that cannot prove it knows the token is dropped before
 * it can send a single file. The clock offset is measured from {@code WELCOME.serverTime},
 * corrected by half the round trip of AUTH -> WELCOME.
 */
public class ServerLink implements TcpSender, Uplink {

    private static final Log log = LogFactory.getLog(ServerLink.class);

    /** A clock offset beyond this is worth a warning: times decide conflicts. */
    static final long CLOCK_WARN_MS = 2000;

    enum Stage { DISCONNECTED, AWAITING_CHALLENGE, AWAITING_WELCOME, READY }

    private final String clientId;

    private final Handshake handshake;

    private final Clock clock;

    private final int queueCapacity;

    private final Map<String, CompletableFuture<SyncMessage.Folders>> pendingCommands = new ConcurrentHashMap<>();

    private volatile ServerMessages handler;

    private volatile ClientDispatcher dispatcher;

    private volatile PeerLink link;

    private volatile Stage stage = Stage.DISCONNECTED;

    private volatile String clientNonce;

    private volatile String serverNonce;

    private volatile long authSentAt;

    private volatile long clockOffsetMs;

    private volatile Instant connectedSince;

    private volatile Instant disconnectedSince;

    private volatile String lastError;

    /** The optional features both sides listed in the last handshake. */
    private volatile java.util.Set<String> features = java.util.Set.of();

    private volatile LinkExtension extension = LinkExtension.NONE;

    public ServerLink(String clientId, String token, Clock clock, int queueCapacity) {
        this.clientId = clientId;
        this.handshake = new Handshake(token);
        this.clock = clock;
        this.queueCapacity = queueCapacity;
        this.disconnectedSince = clock.instant();
    }

    public void setHandler(ServerMessages handler, io.foldersync.metrics.SyncMeters meters) {
        this.handler = handler;
        this.dispatcher = new ClientDispatcher(handler, meters);
    }

    public void setExtension(LinkExtension extension) {
        this.extension = extension;
    }

    @Override
    public java.util.Set<String> features() {
        return features;
    }

    @Override
    public String remoteHost() {
        PeerLink current = link;
        return current == null ? null : current.remoteHost();
    }

    /** True when connected and both sides listed {@code feature} in the handshake. */
    public boolean agreed(String feature) {
        return isReady() && features.contains(feature);
    }

    public String clientId() {
        return clientId;
    }

    @Override
    public boolean isReady() {
        PeerLink current = link;
        return stage == Stage.READY && current != null && current.isOpen();
    }

    /** True while a connection is open (ready or still in the handshake). */
    public boolean hasConnection() {
        PeerLink current = link;
        return current != null && current.isOpen();
    }

    @Override
    public long clockOffsetMs() {
        return clockOffsetMs;
    }

    public Instant connectedSince() {
        return isReady() ? connectedSince : null;
    }

    public Instant disconnectedSince() {
        return isReady() ? null : disconnectedSince;
    }

    public String lastError() {
        return lastError;
    }

    public String remoteAddress() {
        PeerLink current = link;
        return current == null ? null : current.remoteAddress();
    }

    public int pending() {
        PeerLink current = link;
        return current == null ? 0 : current.pending();
    }

    @Override
    public boolean send(Outgoing outgoing) {
        PeerLink current = link;
        return current != null && stage == Stage.READY && current.send(outgoing);
    }

    // ------------------------------------------------------------------ connection events

    @Override
    public void addNewConnection(TcpConnection connection) {
        PeerLink fresh = new PeerLink(connection, queueCapacity, clock, "foldersync-send",
                frame -> SyncLog.sent("server client=" + clientId, frame));
        link = fresh;
        stage = Stage.AWAITING_CHALLENGE;
        clientNonce = Handshake.newNonce();
        fresh.send(new SyncMessage.Hello(Limits.PROTOCOL_VERSION, clientId, clientNonce, Features.OFFERED, clock.millis()));
    }

    @Override
    public void removeDeadConnection(TcpConnection connection) {
        PeerLink current = link;
        if (current == null || !current.connectionId().equals(connection.getConnectionId())) {
            return;
        }
        boolean wasReady = stage == Stage.READY;
        stage = Stage.DISCONNECTED;
        link = null;
        current.close();
        disconnectedSince = clock.instant();
        pendingCommands.values().forEach(f -> f.completeExceptionally(new IllegalStateException("disconnected")));
        pendingCommands.clear();
        extension.disconnected();
        if (wasReady) {
            log.warn("disconnected from the server; reconnecting");
            handler.disconnected();
        }
    }

    /** Heartbeat duty: pings and the dead-connection check. */
    public void heartbeat(long intervalMillis) {
        PeerLink current = link;
        if (current != null && stage == Stage.READY) {
            current.heartbeat(intervalMillis);
        }
    }

    public void close() {
        PeerLink current = link;
        if (current != null) {
            current.close();
        }
    }

    /** Lists the server's folders ({@code name} null) or switches its active folder. */
    public CompletableFuture<SyncMessage.Folders> folderCommand(String name) {
        CompletableFuture<SyncMessage.Folders> answer = new CompletableFuture<>();
        if (!isReady()) {
            answer.completeExceptionally(new IllegalStateException("not connected to the server"));
            return answer;
        }
        String id = UUID.randomUUID().toString();
        pendingCommands.put(id, answer);
        send(new SyncMessage.FolderCommand(id, name));
        return answer;
    }

    // ------------------------------------------------------------------ frames

    /** The end of the inbound TCP flow. */
    public void onMessage(Message<Frame> message) {
        Frame frame = message.getPayload();
        PeerLink current = link;
        try {
            if (current == null) {
                return;
            }
            current.received();
            handle(current, frame);
        }
        finally {
            frame.content().release();
        }
    }

    private void handle(PeerLink current, Frame frame) {
        SyncMessage msg = frame.message();
        if (msg instanceof SyncMessage.Malformed bad) {
            log.error("the server sent a frame that cannot be parsed (" + bad.reason() + "); closing the connection");
            current.failAndClose(SyncMessage.Error.of(ErrorCode.BAD_FRAME, bad.reason(), null));
            return;
        }
        if (msg instanceof SyncMessage.Error error && stage != Stage.READY) {
            String refusal = error.code() + ": " + error.message();
            String message = "the server refused the handshake: " + refusal
                    + (ErrorCode.AUTH_FAILED.name().equals(error.code()) ? " (check foldersync.token: the shared token, or "
                            + "this client's own where the server's foldersync.client-tokens gives client id " + clientId
                            + " one; if it is right, something between here and the server presents another TLS "
                            + "certificate)" : "");
            if (refusal.equals(lastError)) {
                log.debug(message); // the same refusal at every retry: said once, and shown by health meanwhile
            }
            else {
                log.error(message + "; retrying with backoff");
            }
            lastError = refusal;
            current.close();
            return;
        }
        switch (stage) {
            case AWAITING_CHALLENGE -> {
                if (msg instanceof SyncMessage.Challenge challenge && challenge.problem() == null) {
                    serverNonce = challenge.nonce();
                    authSentAt = clock.millis();
                    current.send(new SyncMessage.Auth(handshake.clientAnswer(challenge.nonce(), clientNonce,
                            current.serverFingerprint())));
                    stage = Stage.AWAITING_WELCOME;
                }
                else {
                    dropServer(current, "expected CHALLENGE, got " + msg.getClass().getSimpleName());
                }
            }
            case AWAITING_WELCOME -> {
                if (msg instanceof SyncMessage.Welcome welcome && welcome.problem() == null) {
                    onWelcome(current, welcome);
                }
                else {
                    dropServer(current, "expected WELCOME, got " + msg.getClass().getSimpleName());
                }
            }
            case READY -> onReady(current, frame);
            case DISCONNECTED -> { }
        }
    }

    private void onWelcome(PeerLink current, SyncMessage.Welcome welcome) {
        String expected = handshake.serverProof(clientNonce, serverNonce, current.serverFingerprint());
        if (!Handshake.matches(expected, welcome.proof())) {
            dropServer(current, "the server could not prove it knows foldersync.token");
            return;
        }
        long now = clock.millis();
        long roundTrip = Math.max(0, now - authSentAt);
        clockOffsetMs = welcome.serverTime() + roundTrip / 2 - now;
        if (Math.abs(clockOffsetMs) <= (roundTrip + 1) / 2) {
            // Within what this measurement can tell apart (the server stamped serverTime somewhere in
            // the round trip): the clocks agree. Keeping such noise would shift every mtime we send by
            // a millisecond or two and decide equal-time conflicts, which belong to the server, by chance.
            clockOffsetMs = 0;
        }
        if (Math.abs(clockOffsetMs) > CLOCK_WARN_MS) {
            log.warn("this machine's clock differs from the server's by " + clockOffsetMs
                    + " ms; times sent to the server are corrected by it, but do check the clock (NTP)");
        }
        features = Features.agreed(welcome.features());
        stage = Stage.READY;
        current.authenticated(); // full frames from now on, no handshake deadline (link.admission)
        connectedSince = clock.instant();
        lastError = null;
        log.info("connected to the server at " + current.remoteAddress() + " as " + clientId + ", mirroring folder "
                + welcome.folder() + " (clock offset " + clockOffsetMs + " ms)");
        handler.connected(welcome.folder(), welcome.serverId());
    }

    private void onReady(PeerLink current, Frame frame) {
        SyncMessage msg = frame.message();
        if (msg instanceof SyncMessage.Ping || extension.onFrame(frame)) {
            return;
        }
        if (msg instanceof SyncMessage.Folders folders) {
            CompletableFuture<SyncMessage.Folders> answer = folders.ref() == null ? null : pendingCommands.remove(folders.ref());
            if (answer != null) {
                answer.complete(folders);
            }
            return;
        }
        SyncLog.received("server client=" + clientId, frame);
        dispatcher.dispatch(current, frame);
    }

    /** The connection to the server was refused below the protocol (a TLS pin that does not match, say): shown as the last error. */
    public void refusedServer(String why) {
        lastError = why;
    }

    private void dropServer(PeerLink current, String why) {
        lastError = why;
        log.error("dropping the connection to the server: " + why);
        current.close();
    }
}
