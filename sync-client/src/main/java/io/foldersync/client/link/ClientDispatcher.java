package io.foldersync.client.link;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.link.PeerLink;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Inbound;
import io.foldersync.protocol.SyncMessage;

/**
 * The protocol boundary of a ready connection on the client: validates every field with
 * {@link Inbound#check} (a bad path in a FILE_DELETE or FILE_MOVE is refused exactly like one in a
 * FILE_UPDATE, and changes nothing) and calls the one {@link ServerMessages} method of the type.
 */
final class ClientDispatcher {

    private static final Log log = LogFactory.getLog(ClientDispatcher.class);

    private final ServerMessages handler;

    private final io.foldersync.metrics.SyncMeters meters;

    ClientDispatcher(ServerMessages handler, io.foldersync.metrics.SyncMeters meters) {
        this.handler = handler;
        this.meters = meters;
    }

    void dispatch(PeerLink link, Frame frame) {
        SyncMessage msg = frame.message();
        if (msg instanceof SyncMessage.Unknown unknown) {
            refuse(link, new Inbound.Refusal(ErrorCode.UNKNOWN_TYPE, "unknown message type " + unknown.unknownType(),
                    unknown.id(), null));
            return;
        }
        if (msg instanceof SyncMessage.Oversize oversize) {
            String path = oversize.message() instanceof SyncMessage.FileUpdate u ? u.path() : null;
            refuse(link, new Inbound.Refusal(ErrorCode.TOO_LARGE, "content of " + oversize.contentLength()
                    + " bytes exceeds foldersync.max-file-bytes; skipped", null, path));
            return;
        }
        Inbound.Refusal refusal = Inbound.check(msg);
        if (refusal != null) {
            refuse(link, refusal);
            return;
        }
        try {
            route(msg, frame);
        }
        catch (RuntimeException e) {
            log.error("could not handle " + msg.type() + " from the server; the next reconcile retries", e);
        }
    }

    private void route(SyncMessage msg, Frame frame) {
        if (msg instanceof SyncMessage.FileUpdate update) {
            handler.fileUpdate(update, frame.content());
        }
        else if (msg instanceof SyncMessage.FileDelete delete) {
            handler.fileDelete(delete);
        }
        else if (msg instanceof SyncMessage.FileMove move) {
            handler.fileMove(move);
        }
        else if (msg instanceof SyncMessage.Manifest manifest) {
            handler.manifest(manifest, frame.content());
        }
        else if (msg instanceof SyncMessage.Summary summary) {
            handler.summary(summary);
        }
        else if (msg instanceof SyncMessage.Ack ack) {
            handler.ack(ack);
        }
        else if (msg instanceof SyncMessage.Error error) {
            handler.error(error);
        }
        else if (msg instanceof SyncMessage.FolderChanged changed) {
            handler.folderChanged(changed);
        }
        else {
            log.debug("ignored " + msg.type() + " from the server");
        }
    }

    private void refuse(PeerLink link, Inbound.Refusal refusal) {
        meters.refused(refusal.code().name());
        log.warn("refused a message from the server: " + refusal.code() + " " + refusal.message());
        link.send(SyncMessage.Error.of(refusal.code(), refusal.message(), refusal.ref(), refusal.path()));
    }
}
