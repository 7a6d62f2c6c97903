package io.foldersync.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What must hold once the dust has settled, as pure functions of a {@link World} and the
 * {@link Ledger} of everything the users did. The rules:
 *
 * <ol>
 * <li><b>Settled.</b> The server runs; every client runs, is connected, mirrors the server's active
 *     folder (on its side and in the server's session for it) and has no upload unanswered.</li>
 * <li><b>Mirrors agree.</b> Every text file of the server's active folder is on every client at the
 *     same path with the same content, except where the client's user made the file binary (an edit
 *     that cannot be sent) and the server still has the version that edit was made on (the client's
 *     base). Every other file on a client is a conflict copy
 *     ({@code name.sync-conflict-<stamp>.ext}) or holds content that this client's own user wrote
 *     (a new local file, an edit that met a delete or a move on the server, an edit of a folder
 *     switched away from that waits for its acknowledgement). Anything else is a stale file that
 *     sync should have removed or replaced.</li>
 * <li><b>No version lost.</b> Every version a user saved must exist somewhere (at any path of any
 *     server folder, in the server's conflict store, or in any file of any client, conflict copies
 *     and local-only files included) unless a user took it out of the way: a save replaces, and a
 *     delete removes, exactly the file that was on that user's disk at that instant (the model's
 *     users take it out with an atomic rename, so the ledger knows what each of them replaced). A
 *     user's earlier saves replaced by their own later save may therefore go, and so may a version
 *     another user edited or deleted after it reached them; nothing else may.</li>
 * <li><b>Local-only stays local.</b> A file a client's user created where that client had neither a
 *     file nor a base, and a binary version a client's user saved (never sent: the server takes only
 *     text), is theirs: its content never reaches the server (no folder, not the conflict
 *     store) nor another client, and unless its user replaced it, it stays on its client, at its
 *     path or in a conflict copy beside it (when the server's file came to that path, e.g. after a
 *     folder switch).</li>
 * <li><b>Nothing made up.</b> Every content anywhere, and every content a user took out of the way,
 *     is a version some user saved: no partial, mixed or stray file.</li>
 * <li><b>Nothing left behind.</b> (Part of settling: while they are not empty, a transfer or an
 *     apply is under way.) Once settled, the sync's own working directories (staged and
 *     taken files and journals in each folder's {@code .foldersync/tmp}, received content spooled
 *     beside each state database) are empty: whatever an interrupted transfer or apply left there
 *     has been used, recovered or removed.</li>
 * </ol>
 */
final class Oracle {

    static final String COPY_MARKER = ".sync-conflict-";

    private Oracle() {
    }

    /** Rules 1, 2 and 6: what keeps the world from being settled (empty when it is). */
    static List<String> unsettled(World world, Ledger ledger) {
        List<String> problems = new ArrayList<>();
        if (world.active() == null) {
            problems.add("the server is not running");
            return problems;
        }
        // a transfer or an apply under way; if it stays, the sync left it behind
        world.litter().forEach(file -> problems.add("left behind: " + file));
        Map<String, String> serverFiles = world.mirrored(world.active());
        for (World.ClientView client : world.clients().values()) {
            String who = client.name();
            if (!client.running()) {
                problems.add(who + " is not running");
                continue;
            }
            if (!client.connected()) {
                problems.add(who + " is not connected");
            }
            if (!world.active().equals(client.folder())) {
                problems.add(who + " mirrors " + client.folder() + ", the server's active folder is " + world.active());
            }
            String session = world.sessions().get(who);
            if (!world.active().equals(session)) {
                problems.add("the server's session for " + who + (session == null ? " is not ready" : " mirrors " + session));
            }
            if (client.pendingUploads() > 0) {
                problems.add(who + " has " + client.pendingUploads() + " unanswered uploads");
            }
            serverFiles.forEach((path, content) -> {
                String mine = client.files().get(path);
                if (mine != null && World.isBinary(mine) && ledger.authoredBy(mine, who)
                        && World.sha256(content).equals(client.bases().get(path))) {
                    return; // an edit that cannot be sent, left alone while the server has the version it was made on
                }
                if (!content.equals(mine)) {
                    problems.add(who + ":" + path + " is " + ledger.name(mine) + ", the server has " + ledger.name(content));
                }
            });
            client.files().forEach((path, content) -> {
                if (!serverFiles.containsKey(path) && !isConflictCopy(path) && !ledger.authoredBy(content, who)) {
                    problems.add(who + ":" + path + " holds " + ledger.name(content) + ", which the server's "
                            + world.active() + " does not have there and " + who + "'s user did not write: a stale file");
                }
            });
        }
        return problems;
    }

    /** Rules 3, 4 and 5, on a settled world whose conflict store was looked at. */
    static List<String> violations(World world, Ledger ledger) {
        if (world.conflicts() == null) {
            throw new IllegalArgumentException("the oracle needs the server's conflict store");
        }
        List<String> problems = new ArrayList<>();
        for (Ledger.Version version : ledger.live()) {
            if (world.placesOf(version.content()).isEmpty()) {
                problems.add("lost: " + version + " is nowhere, and no user replaced or deleted it");
            }
        }
        for (Ledger.Version version : ledger.privateVersions()) {
            String owner = version.privateTo();
            List<String> places = world.placesOf(version.content());
            for (String place : places) {
                if (!place.startsWith(owner + ":")) {
                    problems.add("leaked: " + version + ", a local-only file of " + owner + ", is at " + place);
                }
            }
            if (!ledger.isSuperseded(version) && places.stream().noneMatch(p -> p.equals(owner + ":" + version.path())
                    || isCopyOf(p.substring(p.indexOf(':') + 1), version.path()) && p.startsWith(owner + ":"))) {
                problems.add("moved: " + version + " is no longer at " + owner + ":" + version.path()
                        + " nor in a conflict copy beside it, but at " + places);
            }
        }
        world.everything().forEach((place, content) -> {
            if (content == null) {
                problems.add("lost: " + place + " is listed but its content is gone");
            }
            else if (ledger.of(content) == null) {
                problems.add("made up: " + place + " holds " + ledger.name(content) + ", which no user wrote");
            }
        });
        ledger.unknownTaken().forEach(taken -> problems.add("made up: a user found and replaced content no user wrote, in "
                + taken));
        return problems;
    }

    static boolean isConflictCopy(String path) {
        return path.substring(path.lastIndexOf('/') + 1).contains(COPY_MARKER);
    }

    /** Whether {@code copy} is a conflict copy of {@code path}: same directory, {@code stem.sync-conflict-<stamp>.ext}. */
    static boolean isCopyOf(String copy, String path) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot <= 0 ? name : name.substring(0, dot);
        String extension = dot <= 0 ? "" : name.substring(dot);
        String prefix = dir + stem + COPY_MARKER;
        return copy.startsWith(prefix) && copy.endsWith(extension) && copy.indexOf('/', prefix.length()) < 0
                && copy.length() > prefix.length() + extension.length();
    }
}
