package io.foldersync.reconcile;

/** What the server does with a FILE_UPDATE sent by a client. */
public enum ServerAction {
    /** The path does not exist on the server: clients may only edit existing files. */
    NOT_ALLOWED,
    /** The server already has this content: acknowledge, change nothing. */
    ALREADY_CURRENT,
    /** The client edited the server's current version: take it. */
    ACCEPT,
    /** Conflict, the client's version is newer: take it and keep the server's as the loser. */
    CLIENT_WINS,
    /** Conflict, the server's version is newer or as new: keep the client's as the loser and send ours back. */
    SERVER_WINS;

    public boolean writes() {
        return this == ACCEPT || this == CLIENT_WINS;
    }
}
