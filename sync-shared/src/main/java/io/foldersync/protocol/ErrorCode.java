package io.foldersync.protocol;

/** The error codes of the contract's ERROR frame. */
public enum ErrorCode {
    AUTH_FAILED, UNAUTHENTICATED, UNSUPPORTED_VERSION, BAD_FRAME, UNKNOWN_TYPE, BAD_PATH,
    NOT_ALLOWED, HASH_MISMATCH, NOT_TEXT, TOO_LARGE, CONFLICT, INTERNAL
}
