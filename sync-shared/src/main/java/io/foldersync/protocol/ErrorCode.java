package io.foldersync.protocol;

/**
 * The error codes of the contract's ERROR frame, and two extensions: {@code BUSY} answers a
 * COMMAND_RUN while another command runs (only sent to a peer that listed the {@code commands}
 * feature), {@code DELTA_FAILED} a delta recipe the receiver could not use (feature {@code delta}):
 * nothing was changed, and the sender sends the whole file.
 */
public enum ErrorCode {
    AUTH_FAILED, UNAUTHENTICATED, UNSUPPORTED_VERSION, BAD_FRAME, UNKNOWN_TYPE, BAD_PATH,
    NOT_ALLOWED, HASH_MISMATCH, NOT_TEXT, TOO_LARGE, CONFLICT, INTERNAL,
    /** extension: another command is running on the server (one run at a time) */
    BUSY,
    /** extension: the delta's base is not what this side has, or its result did not hash right: send the file whole */
    DELTA_FAILED
}
