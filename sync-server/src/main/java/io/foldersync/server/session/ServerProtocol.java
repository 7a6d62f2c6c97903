package io.foldersync.server.session;

import java.time.Clock;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;

import io.foldersync.link.Outgoing;
import io.foldersync.link.SyncLog;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Handshake;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.folder.FolderSwitcher;
import io.foldersync.server.folder.Folders;
import io.foldersync.server.folder.ServerSync;

/**
 * The server's side of the protocol: the handshake, then the routing of each frame of a ready
 * session. Nothing but HELLO and AUTH is accepted before WELCOME; clients are edit-only, so
 * FILE_DELETE and FILE_MOVE from them are refused with NOT_ALLOWED and change nothing.
 */
public class ServerProtocol {

    private static final Log log = LogFactory.getLog(ServerProtocol.class);

    private final ClientSessions sessions;

    private final ServerSync sync;

    private final Folders folders;

    private final FolderSwitcher switcher;

    private final Handshake handshake;

    private final Clock clock;

    public ServerProtocol(ClientSessions sessions, ServerSync sync, Folders folders, FolderSwitcher switcher,
            String token, Clock clock) {
        this.sessions = sessions;
        this.sync = sync;
        this.folders = folders;
        this.switcher = switcher;
        this.handshake = new Handshake(token);
        this.clock = clock;
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
            case READY -> onReady(session, frame);
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
        String expected = handshake.clientAnswer(session.serverNonce, session.clientNonce, session.link().serverFingerprint());
        if (!Handshake.matches(expected, auth.hmac())) {
            log.warn("client " + session.name() + " from " + session.link().remoteAddress() + " failed to authenticate");
            fail(session, ErrorCode.AUTH_FAILED, "authentication failed", null);
            return;
        }
        session.folder = folders.active();
        session.stage = ClientSession.Stage.READY;
        session.link().authenticated(); // full frames from now on, no handshake deadline (link.admission)
        sessions.replaceOthers(session);
        session.send(new SyncMessage.Welcome(session.folder, handshake.serverProof(session.clientNonce,
                session.serverNonce, session.link().serverFingerprint()), clock.millis(), List.of()));
        log.info("client " + session.clientId + " connected from " + session.link().remoteAddress()
                + ", mirroring folder " + session.folder);
    }

    private void onReady(ClientSession session, Frame frame) {
        SyncMessage msg = frame.message();
        SyncLog.received(session.name(), frame);
        if (msg instanceof SyncMessage.FileUpdate update) {
            if (update.problem() != null) {
                sync.refuse(session, ErrorCode.BAD_FRAME, "FILE_UPDATE: " + update.problem(), update.id(), update.path());
            }
            else {
                sync.onClientUpdate(session, update, frame.content());
            }
        }
        else if (msg instanceof SyncMessage.FileDelete delete) {
            sync.refuse(session, ErrorCode.NOT_ALLOWED, "clients may not delete files", delete.id(), delete.path());
        }
        else if (msg instanceof SyncMessage.FileMove move) {
            sync.refuse(session, ErrorCode.NOT_ALLOWED, "clients may not move files", move.id(), move.from());
        }
        else if (msg instanceof SyncMessage.Ping) {
            // received() above already noted that the client is alive
        }
        else if (msg instanceof SyncMessage.ManifestRequest request) {
            if (request.clockOffsetMs() != null) {
                session.clockOffsetMs = request.clockOffsetMs();
            }
            String folder = request.folder() != null && folders.exists(request.folder()) ? request.folder() : session.folder;
            Frame manifest = sync.manifest(folder);
            session.send(Outgoing.of(manifest));
            log.info("reconcile with client " + session.name() + ": sent the manifest of folder " + folder + " ("
                    + ((SyncMessage.Manifest) manifest.message()).files() + " files)");
        }
        else if (msg instanceof SyncMessage.FileRequest request) {
            if (request.problem() != null) {
                sync.refuse(session, ErrorCode.BAD_FRAME, "FILE_REQUEST: " + request.problem(), null, null);
            }
            else {
                sync.onFileRequest(session, request);
            }
        }
        else if (msg instanceof SyncMessage.FolderCommand command) {
            onFolderCommand(session, command);
        }
        else if (msg instanceof SyncMessage.Error error) {
            log.warn("client " + session.name() + " reported " + error.code() + ": " + error.message()
                    + (error.path() != null ? " (" + error.path() + ")" : ""));
        }
        else if (msg instanceof SyncMessage.Unknown unknown) {
            sync.refuse(session, ErrorCode.UNKNOWN_TYPE, "unknown message type " + unknown.unknownType(), unknown.id(), null);
        }
        else if (msg instanceof SyncMessage.Oversize oversize) {
            SyncMessage.FileUpdate update = oversize.message() instanceof SyncMessage.FileUpdate u ? u : null;
            sync.refuse(session, ErrorCode.TOO_LARGE, "content of " + oversize.contentLength()
                    + " bytes exceeds max-file-bytes", update != null ? update.id() : null,
                    update != null ? update.path() : null);
        }
        else if (msg instanceof SyncMessage.Hello || msg instanceof SyncMessage.Auth) {
            sync.refuse(session, ErrorCode.NOT_ALLOWED, "the handshake is already complete", null, null);
        }
        else {
            sync.refuse(session, ErrorCode.NOT_ALLOWED, msg.type() + " is not sent by clients", null, null);
        }
    }

    private void onFolderCommand(ClientSession session, SyncMessage.FolderCommand command) {
        if (command.name() == null) {
            session.send(new SyncMessage.Folders(command.id(), folders.list(), null));
            return;
        }
        if (!folders.exists(command.name())) {
            session.send(new SyncMessage.Folders(command.id(), folders.list(), "unknown folder: " + command.name()));
            return;
        }
        switcher.switchTo(command.name());
        session.send(new SyncMessage.Folders(command.id(), folders.list(), null));
    }

    /** Refuses and ends the connection: used where the peer cannot be trusted to go on (handshake, bad framing). */
    private void fail(ClientSession session, ErrorCode code, String message, String ref) {
        sync.noteRefusal(session, code, message, null);
        session.stage = ClientSession.Stage.CLOSED;
        session.link().failAndClose(SyncMessage.Error.of(code, message, ref));
    }
}
