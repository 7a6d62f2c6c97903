package io.foldersync.client.activity;

/**
 * What the sync engine tells about files, one call where it logs today. Implementations must
 * return at once (the engine calls under its lock) and never throw.
 */
public interface SyncEvents {

    /** Reports nothing: the engine without a page. */
    SyncEvents NONE = new SyncEvents() {
    };

    /** Content from the server was written here. */
    default void received(String folder, String path, long size) {
    }

    /** A local edit was sent to the server. */
    default void sent(String folder, String path, long size) {
    }

    default void moved(String folder, String from, String to) {
    }

    default void deleted(String folder, String path, String why) {
    }

    /** The local version was copied aside (a conflict copy) before being replaced. */
    default void keptCopy(String folder, String path, String copy, String why) {
    }

    /** The server decided a conflict on this file. */
    default void conflict(String folder, String path, String message) {
    }

    /** A message about this file was refused ({@code direction} IN: this client refused the server's). */
    default void refused(String folder, String path, SyncEvent.Direction direction, String code, String message) {
    }

    /** A file that exists only here and is not synchronised. Called each time it is seen; reported once. */
    default void localOnly(String folder, String path, String reason) {
    }

    /** A file that is not synchronised (binary, too large, unreadable). Called each time it is seen; reported once. */
    default void notSynchronised(String folder, String path, String reason) {
    }
}
