package io.foldersync.reconcile;

/** What a client does about one path when it reconciles with the server's manifest. */
public enum ClientAction {
    /** Nothing to do: in sync, or nothing on either side. */
    NONE,
    /** Both sides have the same content; remember it as the new base. */
    RECORD,
    /** Fetch the server's version: the local file is missing or unchanged since the base. */
    DOWNLOAD,
    /** Fetch the server's version, but first copy the local file aside: it holds an edit that cannot be sent. */
    DOWNLOAD_KEEP_LOCAL_COPY,
    /**
     * A local file without a base where the server has another one, on a client whose database is
     * established: it is not an edit of the server's file (it was made here, or kept from another
     * folder), so it is kept aside as a conflict copy, never sent, and the server's is fetched.
     */
    KEEP_ASIDE_THEN_DOWNLOAD,
    /** Send the local edit; the server's side is unchanged since the base. */
    UPLOAD,
    /** Both changed (or there is no base): send the local version and let the server decide. */
    UPLOAD_CONFLICT,
    /** The server deleted the file and the local copy is unchanged: delete it. */
    DELETE_LOCAL,
    /** The server deleted the file and the local copy holds edits: keep it as a local-only file, forget the base. */
    KEEP_AS_LOCAL_ONLY,
    /** Nothing on either side any more: forget the base. */
    FORGET,
    /** A file only this client has, never synchronised: left alone (clients never create on the server). */
    LOCAL_ONLY,
    /** The local file no longer qualifies (binary, too large) and the server's version is unchanged: leave both. */
    KEEP_INELIGIBLE;

    /** True for actions that send the local content to the server. */
    public boolean uploads() {
        return this == UPLOAD || this == UPLOAD_CONFLICT;
    }
}
