package io.foldersync.reconcile;

/**
 * What a client does about a path its watcher reported. Clients are edit-only: only a change of the
 * content of a file with a base travels. An upload sent while another of the same file is still
 * unanswered is an edit of the content last sent, not of the base: five quick saves arrive as five
 * accepted versions, never as conflicts with each other.
 */
public final class LocalChange {

    public enum Action {
        /** Send the file, as an edit of {@link Decision#sendBase()}. */
        UPLOAD,
        /** Nothing new: in sync, or this content is already on its way. */
        NOTHING,
        /** A file the server does not have (no base): it stays here, never sent. */
        LOCAL_ONLY,
        /** A tracked file that no longer qualifies (binary, too large): kept here, reported, not sent. */
        NOT_SENDABLE,
        /** A tracked file that is gone (deleted or renamed here): restored from the server at the next reconcile. */
        MISSING,
        /** Not connected: the reconcile after connecting finds the change. */
        WAIT
    }

    public record Decision(Action action, String sendBase) {
        static Decision of(Action action) {
            return new Decision(action, null);
        }
    }

    private LocalChange() {
    }

    /**
     * @param connected whether the client is connected and mirroring a folder
     * @param base the base for the path, or null
     * @param pendingSha256 the last content sent for the path and not yet answered, or null
     * @param local what is at the path now
     */
    public static Decision decide(boolean connected, Version base, String pendingSha256, Observed local) {
        if (!connected) {
            return Decision.of(Action.WAIT);
        }
        if (base == null) {
            return local.isAbsent() ? Decision.of(Action.NOTHING) : Decision.of(Action.LOCAL_ONLY);
        }
        return switch (local.state()) {
            case ABSENT -> Decision.of(Action.MISSING);
            case INELIGIBLE -> Decision.of(Action.NOT_SENDABLE);
            case FILE -> {
                // At this point we know the file has a base. What the server has, or will have once the
                // pending upload is taken, is the last content sent; an edit is relative to that.
                String current = pendingSha256 != null ? pendingSha256 : base.sha256();
                yield local.version().sameContent(current) ? Decision.of(Action.NOTHING)
                        : new Decision(Action.UPLOAD, current);
            }
        };
    }
}
