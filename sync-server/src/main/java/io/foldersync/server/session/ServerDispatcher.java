package io.foldersync.server.session;

import io.foldersync.link.SyncLog;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Inbound;
import io.foldersync.protocol.SyncMessage;

/**
 * The protocol boundary of a ready session: refuses what a client may not send (clients are
 * edit-only: FILE_DELETE and FILE_MOVE change nothing), validates every field with
 * {@link Inbound#check}, and calls the one {@link ClientMessages} method of the message's type.
 */
public class ServerDispatcher {

    private final ClientMessages handler;

    private final Refusals refusals;

    public ServerDispatcher(ClientMessages handler, Refusals refusals) {
        this.handler = handler;
        this.refusals = refusals;
    }

    public void dispatch(ClientSession session, Frame frame) {
        SyncMessage msg = frame.message();
        SyncLog.received(session.name(), frame);
        if (msg instanceof SyncMessage.Ping) {
            return; // the link already noted that the client is alive
        }
        if (msg instanceof SyncMessage.Unknown unknown) {
            refusals.refuse(session, ErrorCode.UNKNOWN_TYPE, "unknown message type " + unknown.unknownType(), unknown.id(), null);
            return;
        }
        if (msg instanceof SyncMessage.Oversize oversize) {
            SyncMessage.FileUpdate update = oversize.message() instanceof SyncMessage.FileUpdate u ? u : null;
            refusals.refuse(session, ErrorCode.TOO_LARGE, "content of " + oversize.contentLength()
                    + " bytes exceeds max-file-bytes", update != null ? update.id() : null,
                    update != null ? update.path() : null);
            return;
        }
        if (msg instanceof SyncMessage.FileDelete delete) {
            refusals.refuse(session, ErrorCode.NOT_ALLOWED, "clients may not delete files", delete.id(), delete.path());
            return;
        }
        if (msg instanceof SyncMessage.FileMove move) {
            refusals.refuse(session, ErrorCode.NOT_ALLOWED, "clients may not move files", move.id(), move.from());
            return;
        }
        if (msg instanceof SyncMessage.Hello || msg instanceof SyncMessage.Auth) {
            refusals.refuse(session, ErrorCode.NOT_ALLOWED, "the handshake is already complete", null, null);
            return;
        }
        Inbound.Refusal refusal = Inbound.check(msg);
        if (refusal != null) {
            refusals.refuse(session, refusal);
            return;
        }
        if (msg instanceof SyncMessage.FileUpdate update) {
            handler.fileUpdate(session, update, frame.content());
        }
        else if (msg instanceof SyncMessage.ManifestRequest request) {
            handler.manifestRequest(session, request);
        }
        else if (msg instanceof SyncMessage.FileRequest request) {
            handler.fileRequest(session, request);
        }
        else if (msg instanceof SyncMessage.FolderCommand command) {
            handler.folderCommand(session, command);
        }
        else if (msg instanceof SyncMessage.PermissionsRequest request) {
            handler.permissionsRequest(session, request);
        }
        else if (msg instanceof SyncMessage.CommandRun run) {
            handler.commandRun(session, run);
        }
        else if (msg instanceof SyncMessage.ConflictsRequest request) {
            handler.conflictsRequest(session, request);
        }
        else if (msg instanceof SyncMessage.ConflictFetch fetch) {
            handler.conflictFetch(session, fetch);
        }
        else if (msg instanceof SyncMessage.Error error) {
            handler.error(session, error);
        }
        else {
            refusals.refuse(session, ErrorCode.NOT_ALLOWED, msg.type() + " is not sent by clients", null, null);
        }
    }
}
