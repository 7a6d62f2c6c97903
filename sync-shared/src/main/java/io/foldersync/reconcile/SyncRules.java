package io.foldersync.reconcile;

/**
 * The whole sync decision, as pure functions. Everything here compares content by hash; times
 * decide only a true conflict, and only on the server, which is the single judge.
 *
 * <p>Terms: the <em>base</em> is the version a side last had in sync for a path (from its
 * state database; {@code null} when it has none, e.g. a new database). <em>Local</em> is what
 * the deciding side has on disk now, <em>remote</em> what the other side says it has.
 */
public final class SyncRules {

    private SyncRules() {
    }

    /**
     * Client side of a reconcile with a new state database: no base means never in sync, so
     * differing content is a conflict for the server to judge.
     */
    public static ClientAction reconcile(Version base, Observed local, Observed remote) {
        return reconcile(base, local, remote, true);
    }

    /**
     * Client side of a reconcile: base, local file and the server's manifest entry for one path.
     *
     * @param newDatabase true until the client's first reconcile with this server completed. After
     *        that, a path without a base holds nothing of the server's: it follows {@link Adoption}.
     */
    public static ClientAction reconcile(Version base, Observed local, Observed remote, boolean newDatabase) {
        if (remote.state() == Observed.State.INELIGIBLE) {
            throw new IllegalArgumentException("a server manifest never lists an ineligible file");
        }
        if (base == null && !newDatabase) {
            return switch (Adoption.decide(local, remote)) {
                case RECORD -> ClientAction.RECORD;
                case KEEP_ASIDE_THEN_DOWNLOAD -> ClientAction.KEEP_ASIDE_THEN_DOWNLOAD;
                case DOWNLOAD -> ClientAction.DOWNLOAD;
                case LOCAL_ONLY -> ClientAction.LOCAL_ONLY;
                case NOTHING -> ClientAction.NONE;
            };
        }
        if (remote.isAbsent()) {
            // At this point we know the server does not have the path (deleted there, or never had it).
            return switch (local.state()) {
                case ABSENT -> base == null ? ClientAction.NONE : ClientAction.FORGET;
                case INELIGIBLE -> base == null ? ClientAction.LOCAL_ONLY : ClientAction.KEEP_AS_LOCAL_ONLY;
                case FILE -> {
                    if (base == null) {
                        yield ClientAction.LOCAL_ONLY;
                    }
                    // deleted on the server: an unchanged copy goes too, an edited one is kept, never lost
                    yield local.version().sameContent(base) ? ClientAction.DELETE_LOCAL : ClientAction.KEEP_AS_LOCAL_ONLY;
                }
            };
        }
        Version server = remote.version();
        // At this point we know the server has the path.
        return switch (local.state()) {
            // a file missing here is restored: clients cannot delete on the server
            case ABSENT -> ClientAction.DOWNLOAD;
            case INELIGIBLE -> base != null && server.sameContent(base)
                    ? ClientAction.KEEP_INELIGIBLE
                    : ClientAction.DOWNLOAD_KEEP_LOCAL_COPY;
            case FILE -> {
                Version mine = local.version();
                if (mine.sameContent(server)) {
                    yield server.sameContent(base) ? ClientAction.NONE : ClientAction.RECORD;
                }
                if (base == null) {
                    // no usable base: differing content is a conflict, never a silent overwrite
                    yield ClientAction.UPLOAD_CONFLICT;
                }
                if (mine.sameContent(base)) {
                    yield ClientAction.DOWNLOAD; // only the server changed
                }
                if (server.sameContent(base)) {
                    yield ClientAction.UPLOAD; // only we changed
                }
                yield ClientAction.UPLOAD_CONFLICT; // both changed since the base
            }
        };
    }

    /**
     * Client side of a pushed FILE_UPDATE.
     *
     * @param base the client's base for the path, or null
     * @param local what the client has on disk
     * @param incoming the server's new version
     * @param supersedes the {@code baseSha256} of the push: the content the server knows it replaces
     */
    public static IncomingAction incoming(Version base, Observed local, Version incoming, String supersedes) {
        return incoming(base, local, incoming, supersedes, true);
    }

    /**
     * Client side of a pushed FILE_UPDATE.
     *
     * @param newDatabase as for {@link #reconcile(Version, Observed, Observed, boolean)}: on an
     *        established client, a local file without a base is kept aside, never sent
     */
    public static IncomingAction incoming(Version base, Observed local, Version incoming, String supersedes,
            boolean newDatabase) {
        if (base == null && !newDatabase && local.isFile() && !local.version().sameContent(incoming)) {
            return IncomingAction.WRITE_KEEP_LOCAL_COPY; // a local-only file where the server now has one
        }
        return switch (local.state()) {
            case ABSENT -> IncomingAction.WRITE;
            // an edit we cannot send (binary, too large) is kept beside the file, never overwritten
            case INELIGIBLE -> IncomingAction.WRITE_KEEP_LOCAL_COPY;
            case FILE -> {
                Version mine = local.version();
                if (mine.sameContent(incoming)) {
                    yield IncomingAction.RECORD;
                }
                if (mine.sameContent(base)) {
                    yield IncomingAction.WRITE;
                }
                if (mine.sameContent(supersedes)) {
                    // the server has seen this very content and replaced it (it lost a conflict, kept there)
                    yield IncomingAction.WRITE_KEEP_LOCAL_COPY;
                }
                // a local edit the server has not judged yet: it must go through the conflict rule first
                yield IncomingAction.UPLOAD_LOCAL_FIRST;
            }
        };
    }

    /**
     * Server side of a client's FILE_UPDATE. Conflicts come from the state, not from times: a
     * conflict is an update whose base is not the server's current content. Only then do times
     * decide: the newer wins, and a tie goes to the server's current version.
     *
     * @param current the server's current version, null when the path does not exist
     * @param update the client's new content, its mtime already corrected to the server's clock
     * @param updateBase the client's {@code baseSha256}, or null
     */
    public static ServerAction judge(Version current, Version update, String updateBase) {
        if (current == null) {
            return ServerAction.NOT_ALLOWED; // clients edit; they never create
        }
        if (current.sameContent(update)) {
            return ServerAction.ALREADY_CURRENT;
        }
        if (current.sameContent(updateBase)) {
            return ServerAction.ACCEPT;
        }
        // At this point we know both sides changed since the client's base (or it has none).
        return update.mtime() > current.mtime() ? ServerAction.CLIENT_WINS : ServerAction.SERVER_WINS;
    }
}
