package io.foldersync.server.session;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Inbound;
import io.foldersync.protocol.SyncMessage;

/**
 * Every refusal of a client's message: counted by code, logged (a CONFLICT or a DELTA_FAILED is
 * not a problem, so not warned), answered.
 */
public class Refusals {

    private static final Log log = LogFactory.getLog(Refusals.class);

    private final SyncMeters meters;

    public Refusals(SyncMeters meters) {
        this.meters = meters;
    }

    /** Answers a message with an ERROR; nothing was changed by it. */
    public void refuse(ClientSession session, ErrorCode code, String message, String ref, String path) {
        refuse(session, code, message, ref, path, null);
    }

    public void refuse(ClientSession session, ErrorCode code, String message, String ref, String path, String folder) {
        note(session, code, message, path);
        session.send(new SyncMessage.Error(code.name(), message, ref, path, folder));
    }

    public void refuse(ClientSession session, Inbound.Refusal refusal) {
        refuse(session, refusal.code(), refusal.message(), refusal.ref(), refusal.path());
    }

    /** Counts and logs a refusal (the caller sends the ERROR). */
    public void note(ClientSession session, ErrorCode code, String message, String path) {
        meters.refused(code.name());
        if (code != ErrorCode.CONFLICT && code != ErrorCode.DELTA_FAILED) { // both are part of normal work
            log.warn("refused a message from " + session.name() + ": " + code + " " + message
                    + (path != null ? " (" + path + ")" : ""));
        }
    }
}
