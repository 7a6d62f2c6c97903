package io.foldersync.reconcile;

/** What a client does with a FILE_MOVE pushed by the server. */
public final class ServerMoved {

    public enum Action {
        /** Source unchanged, destination free: rename it here (no content travels). */
        MOVE,
        /** Source unchanged, but a local file sits at the destination: keep that one aside first, then rename. */
        KEEP_DESTINATION_ASIDE_THEN_MOVE,
        /** The destination already holds the moved content and the source is unchanged: drop the source. */
        DROP_SOURCE,
        /** The source holds a local edit (or cannot be sent): it stays as a local-only file; fetch the destination. */
        KEEP_SOURCE_FETCH_DESTINATION,
        /** The source is gone here: fetch the destination. */
        FETCH_DESTINATION
    }

    private ServerMoved() {
    }

    /**
     * @param base the client's base for the source path, or null
     * @param source what the client has at the source path
     * @param destination what the client has at the destination path
     * @param movedSha256 the content the server moved (the message's {@code sha256}), or null
     */
    public static Action decide(Version base, Observed source, Observed destination, String movedSha256) {
        String moved = movedSha256 != null ? movedSha256 : base == null ? null : base.sha256();
        boolean sourceUnchanged = source.isFile()
                && (source.version().sameContent(base) || source.version().sameContent(moved));
        boolean destinationHasIt = destination.has(moved);
        if (source.isAbsent()) {
            return Action.FETCH_DESTINATION;
        }
        if (!sourceUnchanged) {
            // At this point we know the source holds content the server never had at this path: keep it.
            return Action.KEEP_SOURCE_FETCH_DESTINATION;
        }
        if (destinationHasIt) {
            return Action.DROP_SOURCE;
        }
        return destination.isAbsent() ? Action.MOVE : Action.KEEP_DESTINATION_ASIDE_THEN_MOVE;
    }
}
