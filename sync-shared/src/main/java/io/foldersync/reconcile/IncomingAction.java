package io.foldersync.reconcile;

/** What a client does with a FILE_UPDATE pushed by the server. */
public enum IncomingAction {
    /** Write the server's version (local file missing, or unchanged since the base). */
    WRITE,
    /** Write it, but first copy the local file aside: it holds an edit the server has judged or cannot take. */
    WRITE_KEEP_LOCAL_COPY,
    /** Local content already equals the incoming version: just record it as the base. */
    RECORD,
    /** The local file holds an edit the server has not seen: send it first and let the server decide. */
    UPLOAD_LOCAL_FIRST
}
