package io.foldersync.protocol;

/**
 * The error codes of the contract's ERROR frame, and one extension: {@code BUSY} answers a
 * COMMAND_RUN while another command runs (only sent to a peer that listed the {@code commands} feature).
 */
public enum ErrorCode {
    AUTH_FAILED, UNAUTHENTICATED, UNSUPPORTED_VERSION, BAD_FRAME, UNKNOWN_TYPE, BAD_PATH,
    NOT_ALLOWED, HASH_MISMATCH, NOT_TEXT, TOO_LARGE, CONFLICT, INTERNAL,
    /** extension: another command is running on the server (one run at a time) */
    BUSY
}
