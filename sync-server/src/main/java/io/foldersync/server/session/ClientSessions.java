package io.foldersync.server.session;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;

import io.foldersync.link.Outgoing;
import io.foldersync.link.PeerLink;
import io.foldersync.link.SyncLog;
import io.foldersync.protocol.SyncMessage;

/**
 * The registry of connections. The TCP connection factory tells it of every connection that
 * opens or dies ({@link TcpSender}); it creates the {@link ClientSession} and its send queue,
 * fans changes out to the ready sessions, and does the heartbeat round.
 */
public class ClientSessions implements TcpSender {

    private static final Log log = LogFactory.getLog(ClientSessions.class);

    /** How long a connection may take to complete the handshake. */
    static final long HANDSHAKE_TIMEOUT_MS = 10_000;

    private final Map<String, ClientSession> byConnection = new ConcurrentHashMap<>();

    private final Clock clock;

    private final int queueCapacity;

    private final SessionEvents events;

    /** What the rest of the server wants to hear about sessions (metrics, for one). */
    public interface SessionEvents {
        default void sent(ClientSession session, io.foldersync.protocol.Frame frame) {
        }

        default void closed(ClientSession session) {
        }
    }

    public ClientSessions(Clock clock, int queueCapacity, SessionEvents events) {
        this.clock = clock;
        this.queueCapacity = queueCapacity;
        this.events = events;
    }

    @Override
    public void addNewConnection(TcpConnection connection) {
        ClientSession[] holder = new ClientSession[1];
        PeerLink link = new PeerLink(connection, queueCapacity, clock, "foldersync-send-" + connection.getPort(),
                frame -> {
                    ClientSession session = holder[0];
                    if (frame.message() instanceof SyncMessage.FileUpdate) {
                        session.filesOut.incrementAndGet();
                        session.bytesOut.addAndGet(frame.content().length());
                    }
                    SyncLog.sent(session.name(), frame);
                    events.sent(session, frame);
                });
        ClientSession session = new ClientSession(link, clock.millis());
        holder[0] = session;
        byConnection.put(connection.getConnectionId(), session);
        log.debug("connection " + connection.getConnectionId() + " opened");
    }

    @Override
    public void removeDeadConnection(TcpConnection connection) {
        ClientSession session = byConnection.remove(connection.getConnectionId());
        if (session != null) {
            boolean wasReady = session.stage == ClientSession.Stage.READY;
            session.stage = ClientSession.Stage.CLOSED;
            session.link().close();
            if (wasReady) {
                log.info("client " + session.name() + " disconnected (" + session.link().remoteAddress() + ")");
            }
            events.closed(session);
        }
    }

    public ClientSession get(String connectionId) {
        return byConnection.get(connectionId);
    }

    public List<ClientSession> ready() {
        return byConnection.values().stream().filter(ClientSession::isReady).toList();
    }

    public int readyCount() {
        return (int) byConnection.values().stream().filter(ClientSession::isReady).count();
    }

    /** Queues a frame for every ready session mirroring {@code folder}, except {@code except} (may be null). */
    public void broadcast(String folder, ClientSession except, Function<ClientSession, Outgoing> frame) {
        for (ClientSession session : ready()) {
            if (session != except && folder.equals(session.folder()) && !session.offer(frame.apply(session))
                    && session.missed() == 1) {
                // never wait for one slow client here: the others would wait too. It catches up through
                // the SUMMARY it gets once its queue has drained (a reconcile), without reconnecting.
                log.info("client " + session.name() + " is more than " + session.pending() + " frames behind; "
                        + "it catches up by a reconcile once its queue has drained");
            }
        }
    }

    /** Sends a message to every ready session. */
    public void sendAll(SyncMessage message) {
        ready().forEach(s -> s.send(message));
    }

    /** A new connection with the client id of a connected client replaces the old one. */
    void replaceOthers(ClientSession fresh) {
        for (ClientSession other : byConnection.values()) {
            if (other != fresh && fresh.clientId.equals(other.clientId) && other.stage != ClientSession.Stage.CLOSED) {
                log.info("client " + fresh.clientId + " reconnected; closing its previous connection "
                        + other.link().remoteAddress());
                other.stage = ClientSession.Stage.CLOSED;
                other.link().close();
            }
        }
    }

    /** Every interval: pings, dead-connection checks and handshake timeouts. */
    public void heartbeat(long intervalMillis) {
        long now = clock.millis();
        for (ClientSession session : byConnection.values()) {
            if (session.stage != ClientSession.Stage.READY && session.stage != ClientSession.Stage.CLOSED
                    && now - session.openedAt() > HANDSHAKE_TIMEOUT_MS) {
                log.warn("connection from " + session.link().remoteAddress() + " did not complete the handshake in "
                        + HANDSHAKE_TIMEOUT_MS + " ms; closing it");
                session.link().close();
                continue;
            }
            if (session.stage == ClientSession.Stage.READY) {
                session.link().heartbeat(intervalMillis);
            }
        }
    }

    public void closeAll() {
        byConnection.values().forEach(s -> s.link().close());
    }
}
