package io.foldersync.server.session;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;

import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Features;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Handshake;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.permission.ClientTokens;

/**
 * The server's side of the protocol: the handshake, then every frame of a ready session goes to
 * the {@link ServerDispatcher}. Nothing but HELLO and AUTH is accepted before WELCOME.
 */
public class ServerProtocol {

    private static final Log log = LogFactory.getLog(ServerProtocol.class);

    private final ClientSessions sessions;

    private final ServerDispatcher dispatcher;

    private final FolderGate active;

    private final Refusals refusals;

    private final ClientTokens tokens;

    private final Clock clock;

    /** This server's identity (WELCOME's {@code serverId}), kept in its state database. */
    private final String serverId;

    public ServerProtocol(ClientSessions sessions, ServerDispatcher dispatcher, FolderGate active, Refusals refusals,
            ClientTokens tokens, Clock clock, String serverId) {
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.active = active;
        this.refusals = refusals;
        this.tokens = tokens;
        this.clock = clock;
        this.serverId = serverId;
    }

    /** The end of the inbound TCP flow: every frame from every connection arrives here, on its reader thread. */
    public void onMessage(Message<Frame> message) {
        String connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
        ClientSession session = connectionId == null ? null : sessions.get(connectionId);
        if (session == null) {
            return; // the connection died between reading and routing
        }
        Frame frame = message.getPayload();
        try {
            session.link().received();
            handle(session, frame);
        }
        finally {
            frame.content().release();
        }
    }

    private void handle(ClientSession session, Frame frame) {
        SyncMessage msg = frame.message();
        if (msg instanceof SyncMessage.Malformed bad) {
            fail(session, ErrorCode.BAD_FRAME, bad.reason(), null);
            return;
        }
        switch (session.stage) {
            case AWAITING_HELLO -> onHello(session, msg);
            case AWAITING_AUTH -> onAuth(session, msg);
            case READY -> dispatcher.dispatch(session, frame);
            case CLOSED -> { }
        }
    }

    private void onHello(ClientSession session, SyncMessage msg) {
        if (!(msg instanceof SyncMessage.Hello hello)) {
            fail(session, ErrorCode.UNAUTHENTICATED, "the handshake comes first: HELLO expected", null);
            return;
        }
        if (hello.protocolVersion() != null && hello.protocolVersion() != Limits.PROTOCOL_VERSION) {
            fail(session, ErrorCode.UNSUPPORTED_VERSION, "this server speaks protocol version " + Limits.PROTOCOL_VERSION, null);
            return;
        }
        if (hello.problem() != null) {
            fail(session, ErrorCode.BAD_FRAME, "HELLO: " + hello.problem(), null);
            return;
        }
        session.clientId = hello.clientId();
        session.clientNonce = hello.nonce();
        session.serverNonce = Handshake.newNonce();
        session.features = Features.agreed(hello.features());
        if (hello.clientTime() != null) {
            session.clockOffsetMs = clock.millis() - hello.clientTime();
        }
        session.stage = ClientSession.Stage.AWAITING_AUTH;
        session.send(new SyncMessage.Challenge(session.serverNonce));
    }

    private void onAuth(ClientSession session, SyncMessage msg) {
        if (!(msg instanceof SyncMessage.Auth auth)) {
            fail(session, ErrorCode.UNAUTHENTICATED, "the handshake comes first: AUTH expected", null);
            return;
        }
        // the shared token, or the client's own where foldersync.client-tokens binds its id to one
        Handshake handshake = tokens.forClient(session.clientId);
        String expected = handshake.clientAnswer(session.serverNonce, session.clientNonce, session.link().serverFingerprint());
        if (!Handshake.matches(expected, auth.hmac())) {
            log.warn("client " + session.name() + " from " + session.link().remoteAddress() + " failed to authenticate");
            fail(session, ErrorCode.AUTH_FAILED, "authentication failed", null);
            return;
        }
        // one step with a folder switch: WELCOME names the folder that is active when the session becomes ready
        active.withActive(folder -> {
            session.folder = folder;
            session.stage = ClientSession.Stage.READY;
            session.link().authenticated(); // full frames from now on, no handshake deadline (link.admission)
            sessions.replaceOthers(session);
            session.send(new SyncMessage.Welcome(folder, handshake.serverProof(session.clientNonce, session.serverNonce,
                    session.link().serverFingerprint()), clock.millis(), Features.OFFERED, serverId));
        });
        log.info("client " + session.clientId + " connected from " + session.link().remoteAddress()
                + ", mirroring folder " + session.folder);
    }

    /** Refuses and ends the connection: used where the peer cannot be trusted to go on (handshake, bad framing). */
    private void fail(ClientSession session, ErrorCode code, String message, String ref) {
        refusals.note(session, code, message, null);
        session.stage = ClientSession.Stage.CLOSED;
        session.link().failAndClose(SyncMessage.Error.of(code, message, ref));
    }
}
