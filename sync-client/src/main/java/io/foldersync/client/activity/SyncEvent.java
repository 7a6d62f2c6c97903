package io.foldersync.client.activity;

import java.time.Instant;

/**
 * One thing that happened to a file.
 *
 * @param direction {@code IN} from the server, {@code OUT} to the server, {@code LOCAL} here only
 * @param path the file (for a move: the source, with the target in {@code detail})
 * @param detail a few words for people (size, reason, the target of a move), or null
 */
public record SyncEvent(long seq, Instant time, Kind kind, Direction direction, String folder, String path, String detail) {

    public enum Kind {
        /** content written here from the server */
        RECEIVED,
        /** a local edit sent to the server */
        SENT,
        MOVED,
        DELETED,
        /** a message refused, by the server or by this client */
        REFUSED,
        /** a conflict: the server kept one version aside, or this client kept a copy of its own */
        CONFLICT,
        /** a file that stays here only (created here, or deleted on the server while edited here) */
        LOCAL_ONLY,
        /** a file not synchronised: binary, too large, unreadable */
        NOT_SYNCHRONISED
    }

    public enum Direction { IN, OUT, LOCAL }
}
