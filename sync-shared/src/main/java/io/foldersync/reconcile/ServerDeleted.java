package io.foldersync.reconcile;

/** What a client does when the server says it deleted a file (a FILE_DELETE, or a move whose source it keeps). */
public final class ServerDeleted {

    public enum Action {
        /** The local copy is the content the server deleted: delete it here too. */
        DELETE_LOCAL,
        /** The local copy holds an edit (or cannot be sent): it stays as a local-only file; the base goes. */
        KEEP_AS_LOCAL_ONLY,
        /** Nothing here any more: only the base goes. */
        FORGET_BASE,
        /** A file this client never had in sync (no base, other content), or nothing at all: leave it. */
        NOTHING
    }

    private ServerDeleted() {
    }

    /**
     * @param base the client's base for the path, or null
     * @param local what the client has at the path now
     * @param deletedSha256 the content the server deleted (the message's {@code sha256}), or null
     */
    public static Action decide(Version base, Observed local, String deletedSha256) {
        return switch (local.state()) {
            case ABSENT -> base == null ? Action.NOTHING : Action.FORGET_BASE;
            // a file we cannot read as text may hold anything: never deleted by sync
            case INELIGIBLE -> base == null ? Action.NOTHING : Action.KEEP_AS_LOCAL_ONLY;
            case FILE -> {
                Version mine = local.version();
                // At this point we know the client has a text file at the path.
                if (mine.sameContent(base) || mine.sameContent(deletedSha256)) {
                    yield Action.DELETE_LOCAL; // exactly what was in sync, or exactly what the server had
                }
                yield base == null ? Action.NOTHING : Action.KEEP_AS_LOCAL_ONLY;
            }
        };
    }
}
