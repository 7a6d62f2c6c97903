package io.foldersync.reconcile;

import io.foldersync.protocol.ErrorCode;

/** What a client does with the server's answer to one of its uploads: an ACK, or an ERROR about it. */
public final class UploadAnswer {

    public enum Action {
        /** The server has this content now: it is the new base, whatever the disk holds meanwhile. */
        RECORD_AS_BASE,
        /** The server does not have the path (or the folder): forget the base; the local file stays, local-only. */
        FORGET_BASE_KEEP_LOCAL,
        /** The server's version won a conflict; it follows as a push that supersedes ours, which is kept as a copy. */
        AWAIT_SERVER_VERSION,
        /** The file changed while it was sent: the newer content goes out with the next change or reconcile. */
        SEND_AGAIN_LATER,
        /** The server cannot take this content (binary, too large): keep it here, report it. */
        KEEP_LOCAL_NOT_SENDABLE,
        /** The server could not apply it now (folder unavailable, disk full): the next reconcile sends it again. */
        RETRY_AT_RECONCILE,
        /** The server could not use the delta (its file is not the delta's base): send the file again, whole, now. */
        SEND_WHOLE
    }

    private UploadAnswer() {
    }

    /** @param errorCode the ERROR's code, or null for an ACK */
    public static Action decide(String errorCode) {
        if (errorCode == null) {
            return Action.RECORD_AS_BASE;
        }
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(errorCode);
        }
        catch (IllegalArgumentException e) {
            return Action.RETRY_AT_RECONCILE; // a code from a newer server: nothing is changed, try again later
        }
        return switch (code) {
            case NOT_ALLOWED -> Action.FORGET_BASE_KEEP_LOCAL;
            case CONFLICT -> Action.AWAIT_SERVER_VERSION;
            case HASH_MISMATCH -> Action.SEND_AGAIN_LATER;
            case NOT_TEXT, TOO_LARGE -> Action.KEEP_LOCAL_NOT_SENDABLE;
            case DELTA_FAILED -> Action.SEND_WHOLE;
            default -> Action.RETRY_AT_RECONCILE;
        };
    }
}
