package io.foldersync.reconcile;

/**
 * After a folder switch, the first reconcile of the new folder meets local files that have no base
 * in it: files the user made or kept while mirroring another folder. Such a file is not an edit of
 * the new folder's file at that path, so it is never sent to the server (its content never leaves
 * the client); where the new folder has a file there, the local one is kept aside as a conflict copy.
 */
public final class Adoption {

    public enum Action {
        /** The server's file and the local one are the same: record the base. */
        RECORD,
        /** Keep the local file aside (a conflict copy), then fetch the server's. */
        KEEP_ASIDE_THEN_DOWNLOAD,
        /** Nothing here: fetch the server's. */
        DOWNLOAD,
        /** The new folder has nothing at this path: the local file stays, local-only. */
        LOCAL_ONLY,
        NOTHING
    }

    private Adoption() {
    }

    /** For a path without a base in the new folder. */
    public static Action decide(Observed local, Observed remote) {
        if (remote.state() == Observed.State.INELIGIBLE) {
            throw new IllegalArgumentException("a server manifest never lists an ineligible file");
        }
        if (remote.isAbsent()) {
            return local.isAbsent() ? Action.NOTHING : Action.LOCAL_ONLY;
        }
        if (local.isAbsent()) {
            return Action.DOWNLOAD;
        }
        return local.has(remote.version().sha256()) ? Action.RECORD : Action.KEEP_ASIDE_THEN_DOWNLOAD;
    }
}
