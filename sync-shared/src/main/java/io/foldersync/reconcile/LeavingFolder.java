package io.foldersync.reconcile;

/**
 * What a client does with each file of the folder it mirrored when the server switches to another:
 * the local folder becomes the mirror of the new one, but nothing the user wrote is lost.
 */
public final class LeavingFolder {

    public enum Action {
        /** Unchanged since the base: the server has it; remove it here. */
        REMOVE,
        /** An edit not yet on the server: send it to the old folder; it is removed once acknowledged. */
        SEND_TO_OLD_FOLDER,
        /** It changed in a way that cannot be sent (binary, too large): it stays as a local-only file. */
        KEEP_AS_LOCAL_ONLY,
        /** Already gone here: nothing to do but forget the base. */
        FORGET
    }

    private LeavingFolder() {
    }

    /**
     * @param base the base in the old folder (never null: only tracked files are left)
     * @param local what is at the path now
     * @param pendingSha256 the last content sent for the path and not yet acknowledged, or null
     */
    public static Action decide(Version base, Observed local, String pendingSha256) {
        if (base == null) {
            throw new IllegalArgumentException("only files with a base in the old folder are left");
        }
        return switch (local.state()) {
            case ABSENT -> Action.FORGET;
            case INELIGIBLE -> Action.KEEP_AS_LOCAL_ONLY;
            case FILE -> {
                if (local.version().sameContent(base) && pendingSha256 == null) {
                    yield Action.REMOVE;
                }
                // an edit (or a revert while an edit is on its way): the old folder on the server must end up with it
                yield Action.SEND_TO_OLD_FOLDER;
            }
        };
    }
}
