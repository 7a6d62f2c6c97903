package io.foldersync.reconcile;

import static io.foldersync.reconcile.ClientAction.DELETE_LOCAL;
import static io.foldersync.reconcile.ClientAction.DOWNLOAD;
import static io.foldersync.reconcile.ClientAction.DOWNLOAD_KEEP_LOCAL_COPY;
import static io.foldersync.reconcile.ClientAction.FORGET;
import static io.foldersync.reconcile.ClientAction.KEEP_AS_LOCAL_ONLY;
import static io.foldersync.reconcile.ClientAction.KEEP_INELIGIBLE;
import static io.foldersync.reconcile.ClientAction.LOCAL_ONLY;
import static io.foldersync.reconcile.ClientAction.NONE;
import static io.foldersync.reconcile.ClientAction.RECORD;
import static io.foldersync.reconcile.ClientAction.UPLOAD;
import static io.foldersync.reconcile.ClientAction.UPLOAD_CONFLICT;
import static io.foldersync.reconcile.ServerAction.ACCEPT;
import static io.foldersync.reconcile.ServerAction.ALREADY_CURRENT;
import static io.foldersync.reconcile.ServerAction.CLIENT_WINS;
import static io.foldersync.reconcile.ServerAction.NOT_ALLOWED;
import static io.foldersync.reconcile.ServerAction.SERVER_WINS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sync decision, case by case (one row per situation, in plain English, grouped by what
 * changed where), then exhaustively: every combination of small value sets, checking that the
 * rules never throw and never lose a version.
 */
class SyncRulesTest {

    // Three contents; the letters are the hashes. Times: OLD < MID < NEW.
    private static final String A = "a".repeat(64);

    private static final String B = "b".repeat(64);

    private static final String C = "c".repeat(64);

    private static final long OLD = 1_000L;

    private static final long MID = 2_000L;

    private static final long NEW = 3_000L;

    private static Version v(String sha, long mtime) {
        return new Version(sha, mtime);
    }

    private static Observed file(String sha, long mtime) {
        return Observed.file(sha, mtime);
    }

    private static final Observed ABSENT = Observed.ABSENT;

    private static final Observed INELIGIBLE = Observed.INELIGIBLE;

    // =================================================================== reconcile (client, against the manifest)

    static Arguments[] reconcileCases() {
        return new Arguments[] {
                // ---- nothing changed
                row("never seen anywhere", null, ABSENT, ABSENT, NONE),
                row("in sync: both sides still have the base", v(A, MID), file(A, MID), file(A, MID), NONE),
                row("in sync, the local file was only touched (newer mtime, same content)", v(A, MID), file(A, NEW), file(A, MID), NONE),
                row("in sync, the server's file was only touched", v(A, MID), file(A, MID), file(A, NEW), NONE),

                // ---- same content on both sides, base not recorded yet
                row("same content on both sides without a base (new database): record it", null, file(A, MID), file(A, OLD), RECORD),
                row("both sides made the same edit: record it", v(A, OLD), file(B, MID), file(B, NEW), RECORD),

                // ---- only the server changed
                row("server modified, local unchanged: download", v(A, OLD), file(A, OLD), file(B, NEW), DOWNLOAD),
                row("server modified with an older mtime, local unchanged: still download (times do not matter)", v(A, MID), file(A, NEW), file(B, OLD), DOWNLOAD),
                row("server created a file we never had: download", null, ABSENT, file(A, MID), DOWNLOAD),
                row("server deleted, local unchanged: delete here", v(A, MID), file(A, MID), ABSENT, DELETE_LOCAL),
                row("server deleted, local only touched: delete here", v(A, MID), file(A, NEW), ABSENT, DELETE_LOCAL),

                // ---- only the client changed
                row("local modified, server unchanged: upload", v(A, OLD), file(B, NEW), file(A, OLD), UPLOAD),
                row("local modified with an older mtime, server unchanged: still upload", v(A, MID), file(B, OLD), file(A, NEW), UPLOAD),
                row("local deleted, server unchanged: restored from the server", v(A, MID), ABSENT, file(A, MID), DOWNLOAD),
                row("local created, the server has nothing: stays local only", null, file(A, MID), ABSENT, LOCAL_ONLY),
                row("local binary file the server never had: stays local only", null, INELIGIBLE, ABSENT, LOCAL_ONLY),
                row("local file became binary, server unchanged: keep both", v(A, MID), INELIGIBLE, file(A, MID), KEEP_INELIGIBLE),

                // ---- both changed since the base
                row("both modified differently: upload and let the server decide", v(A, OLD), file(B, MID), file(C, NEW), UPLOAD_CONFLICT),
                row("both modified, local newer: the server still decides", v(A, OLD), file(B, NEW), file(C, MID), UPLOAD_CONFLICT),
                row("both modified, equal times: the server still decides", v(A, OLD), file(B, MID), file(C, MID), UPLOAD_CONFLICT),
                row("local modified, server deleted: keep the edit as a local-only file", v(A, OLD), file(B, NEW), ABSENT, KEEP_AS_LOCAL_ONLY),
                row("local deleted, server modified: restore the server's version", v(A, OLD), ABSENT, file(B, NEW), DOWNLOAD),
                row("deleted on both sides: forget the base", v(A, OLD), ABSENT, ABSENT, FORGET),
                row("local became binary, server modified: download, keeping a copy", v(A, OLD), INELIGIBLE, file(B, NEW), DOWNLOAD_KEEP_LOCAL_COPY),
                row("local became binary, server deleted: keep it as local-only", v(A, OLD), INELIGIBLE, ABSENT, KEEP_AS_LOCAL_ONLY),

                // ---- no usable base: differing content is a conflict, never a silent overwrite
                row("no base, different content, server newer: conflict, not download", null, file(A, OLD), file(B, NEW), UPLOAD_CONFLICT),
                row("no base, different content, local newer: conflict, not a plain upload", null, file(A, NEW), file(B, OLD), UPLOAD_CONFLICT),
                row("no base, different content, equal times: conflict", null, file(A, MID), file(B, MID), UPLOAD_CONFLICT),
                row("no base, a local binary file where the server has one: download, keeping a copy", null, INELIGIBLE, file(A, MID), DOWNLOAD_KEEP_LOCAL_COPY),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reconcileCases")
    void reconcile(String description, Version base, Observed local, Observed remote, Object expected) {
        assertThat(SyncRules.reconcile(base, local, remote)).isEqualTo(expected);
    }

    @Test
    void reconcileRefusesAnIneligibleFileInTheServersManifest() {
        for (Version base : Arrays.asList(null, v(A, MID))) {
            for (Observed local : List.of(ABSENT, INELIGIBLE, file(A, MID), file(B, MID))) {
                assertThatIllegalArgumentException().isThrownBy(() -> SyncRules.reconcile(base, local, INELIGIBLE));
            }
        }
    }

    // =================================================================== incoming (client, a pushed FILE_UPDATE)

    static Arguments[] incomingCases() {
        return new Arguments[] {
                // ---- nothing to lose locally
                row("nothing local, never synced: write", null, ABSENT, v(B, MID), null, IncomingAction.WRITE),
                row("nothing local, deleted here since the base: write (clients cannot delete)", v(A, OLD), ABSENT, v(B, MID), A, IncomingAction.WRITE),
                row("local unchanged since the base: write", v(A, OLD), file(A, OLD), v(B, NEW), A, IncomingAction.WRITE),
                row("local unchanged since the base, local mtime newer: still write", v(A, OLD), file(A, NEW), v(B, MID), A, IncomingAction.WRITE),
                row("local unchanged, the server superseded a version we never saw: write", v(A, OLD), file(A, OLD), v(C, NEW), B, IncomingAction.WRITE),

                // ---- already there
                row("local already has the incoming content: record it", v(A, OLD), file(B, MID), v(B, NEW), A, IncomingAction.RECORD),
                row("local already has it, without a base: record it", null, file(B, MID), v(B, MID), null, IncomingAction.RECORD),
                row("local already has it, different mtime: record it", v(A, OLD), file(B, OLD), v(B, NEW), C, IncomingAction.RECORD),

                // ---- a local edit the server has judged
                row("the server saw this very local edit and replaced it: write, keeping a copy", v(A, OLD), file(B, MID), v(C, NEW), B, IncomingAction.WRITE_KEEP_LOCAL_COPY),
                row("no base, the push supersedes exactly our content: write, keeping a copy", null, file(A, MID), v(B, NEW), A, IncomingAction.WRITE_KEEP_LOCAL_COPY),

                // ---- a local edit the server has not seen
                row("local edit, the push replaces our base: upload it first", v(A, OLD), file(B, MID), v(C, NEW), A, IncomingAction.UPLOAD_LOCAL_FIRST),
                row("local edit newer than the push: upload it first", v(A, OLD), file(B, NEW), v(C, MID), A, IncomingAction.UPLOAD_LOCAL_FIRST),
                row("local edit, push without a superseded version: upload it first", v(A, OLD), file(B, MID), v(C, NEW), null, IncomingAction.UPLOAD_LOCAL_FIRST),
                row("local file without a base, unknown to the server: upload it first", null, file(A, MID), v(B, NEW), null, IncomingAction.UPLOAD_LOCAL_FIRST),
                row("local file without a base, the push supersedes something else: upload it first", null, file(A, MID), v(B, NEW), C, IncomingAction.UPLOAD_LOCAL_FIRST),

                // ---- a local file that cannot be sent
                row("local binary file: write, keeping a copy", v(A, OLD), INELIGIBLE, v(B, NEW), A, IncomingAction.WRITE_KEEP_LOCAL_COPY),
                row("local binary file, never synced: write, keeping a copy", null, INELIGIBLE, v(B, NEW), null, IncomingAction.WRITE_KEEP_LOCAL_COPY),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incomingCases")
    void incoming(String description, Version base, Observed local, Version incoming, String supersedes, Object expected) {
        assertThat(SyncRules.incoming(base, local, incoming, supersedes)).isEqualTo(expected);
    }

    // =================================================================== judge (server, a client's FILE_UPDATE)

    static Arguments[] judgeCases() {
        return new Arguments[] {
                // ---- not an edit of an existing file
                row("the path does not exist on the server: clients never create", null, v(A, MID), null, NOT_ALLOWED),
                row("the path does not exist on the server, even with a base: clients never delete-and-recreate", null, v(B, MID), A, NOT_ALLOWED),

                // ---- nothing new
                row("the server already has this content", v(A, MID), v(A, MID), null, ALREADY_CURRENT),
                row("the server already has this content, other mtime and base", v(A, OLD), v(A, NEW), B, ALREADY_CURRENT),

                // ---- an edit of the current version: no conflict, times do not matter
                row("client edited the server's current version", v(A, OLD), v(B, NEW), A, ACCEPT),
                row("client edited the current version, with an older mtime", v(A, NEW), v(B, OLD), A, ACCEPT),
                row("client edited the current version, with the same mtime", v(A, MID), v(B, MID), A, ACCEPT),

                // ---- a conflict: the client's base is not the current version
                row("conflict, the client's version is newer: client wins", v(A, MID), v(B, NEW), C, CLIENT_WINS),
                row("conflict, the client's version is newer by 1 ms: client wins", v(A, MID), v(B, MID + 1), C, CLIENT_WINS),
                row("conflict, the server's version is newer: server wins", v(A, NEW), v(B, MID), C, SERVER_WINS),
                row("conflict, equal times: the server's current version wins", v(A, MID), v(B, MID), C, SERVER_WINS),
                row("conflict, the client re-sends its own base after the server moved on: server newer wins", v(A, MID), v(B, OLD), B, SERVER_WINS),

                // ---- no base (a client with a new database)
                row("no base, the client's version is newer: client wins", v(A, MID), v(B, NEW), null, CLIENT_WINS),
                row("no base, the server's version is newer: server wins", v(A, NEW), v(B, MID), null, SERVER_WINS),
                row("no base, equal times: the server wins", v(A, MID), v(B, MID), null, SERVER_WINS),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("judgeCases")
    void judge(String description, Version current, Version update, String updateBase, Object expected) {
        assertThat(SyncRules.judge(current, update, updateBase)).isEqualTo(expected);
    }

    // =================================================================== the records the rules read

    @Test
    void observedFileNeedsAVersionAndOnlyAFileHasOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Observed(Observed.State.FILE, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Observed(Observed.State.ABSENT, v(A, MID)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Observed(Observed.State.INELIGIBLE, v(A, MID)));
        assertThatNullPointerException().isThrownBy(() -> new Observed(null, null));
        assertThat(Observed.of(null)).isEqualTo(ABSENT);
        assertThat(Observed.of(v(A, MID))).isEqualTo(file(A, MID));
    }

    @Test
    void sameContentComparesHashesOnly() {
        assertThat(v(A, OLD).sameContent(v(A, NEW))).isTrue();
        assertThat(v(A, OLD).sameContent(v(B, OLD))).isFalse();
        assertThat(v(A, OLD).sameContent((Version) null)).isFalse();
        assertThat(v(A, OLD).sameContent((String) null)).isFalse();
        assertThat(file(A, OLD).has(A)).isTrue();
        assertThat(file(A, OLD).has(null)).isFalse();
        assertThat(ABSENT.has(A)).isFalse();
        assertThatNullPointerException().isThrownBy(() -> new Version(null, 0));
    }

    // =================================================================== exhaustive: never throws, never loses a version

    private static final List<String> CONTENTS = List.of(A, B, C);

    private static final long[] TIMES = { OLD, MID, NEW };

    private static List<Version> bases() {
        return Arrays.asList(null, v(A, MID));
    }

    private static List<Observed> locals() {
        List<Observed> all = new ArrayList<>(List.of(ABSENT, INELIGIBLE));
        for (String sha : CONTENTS) {
            for (long time : TIMES) {
                all.add(file(sha, time));
            }
        }
        return all;
    }

    private static List<Observed> remotes() {
        List<Observed> all = new ArrayList<>(List.of(ABSENT));
        for (String sha : CONTENTS) {
            for (long time : TIMES) {
                all.add(file(sha, time));
            }
        }
        return all;
    }

    private static List<String> supersedes() {
        return Arrays.asList(null, A, B, C);
    }

    /** Client actions after which the local content still exists (here, on the server, or in a kept copy). */
    private static final Set<ClientAction> KEEPS_LOCAL = EnumSet.of(UPLOAD, UPLOAD_CONFLICT, LOCAL_ONLY,
            KEEP_AS_LOCAL_ONLY, DOWNLOAD_KEEP_LOCAL_COPY, KEEP_INELIGIBLE, ClientAction.KEEP_ASIDE_THEN_DOWNLOAD);

    // =================================================================== an established client: no base is not a conflict

    static Arguments[] establishedCases() {
        return new Arguments[] {
                row("a local-only file where the server has another: kept aside, never sent", null, file(A, NEW), file(B, OLD), ClientAction.KEEP_ASIDE_THEN_DOWNLOAD),
                row("a local file equal to the server's: record it", null, file(A, NEW), file(A, OLD), RECORD),
                row("nothing here: download", null, ABSENT, file(A, OLD), DOWNLOAD),
                row("a local-only file the server lacks: stays", null, file(A, NEW), ABSENT, LOCAL_ONLY),
                row("a binary file where the server has one: kept aside", null, INELIGIBLE, file(A, OLD), ClientAction.KEEP_ASIDE_THEN_DOWNLOAD),
                row("with a base, the usual rules", v(A, OLD), file(B, NEW), file(A, OLD), UPLOAD),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("establishedCases")
    void reconcileOnAnEstablishedClient(String description, Version base, Observed local, Observed remote, Object expected) {
        assertThat(SyncRules.reconcile(base, local, remote, false)).isEqualTo(expected);
    }

    @Test
    void anEstablishedClientNeverSendsAFileWithoutABase() {
        for (Observed local : locals()) {
            for (Observed remote : remotes()) {
                ClientAction action = SyncRules.reconcile(null, local, remote, false);
                assertThat(action.uploads()).as(name(local) + " " + name(remote)).isFalse();
                if (local.isFile() && remote.isFile() && !local.version().sameContent(remote.version())) {
                    assertThat(action).isEqualTo(ClientAction.KEEP_ASIDE_THEN_DOWNLOAD);
                }
                for (String superseded : supersedes()) {
                    if (remote.isFile()) {
                        IncomingAction in = SyncRules.incoming(null, local, remote.version(), superseded, false);
                        assertThat(in).as(name(local) + " " + name(remote) + " " + name(superseded))
                                .isNotEqualTo(IncomingAction.UPLOAD_LOCAL_FIRST);
                        if (local.isFile() && !local.version().sameContent(remote.version())) {
                            assertThat(in).isEqualTo(IncomingAction.WRITE_KEEP_LOCAL_COPY);
                        }
                    }
                }
            }
        }
    }

    @Test
    void reconcileNeverThrowsAndNeverLosesALocalEdit() {
        int combinations = 0;
        for (Version base : bases()) {
            for (Observed local : locals()) {
                for (Observed remote : remotes()) {
                    combinations++;
                    String situation = "base=" + name(base) + " local=" + name(local) + " remote=" + name(remote);
                    ClientAction action = SyncRules.reconcile(base, local, remote);

                    assertThat(action).as(situation).isNotNull();
                    boolean localIsEdit = local.isFile() && !local.version().sameContent(base)
                            && !(remote.isFile() && local.version().sameContent(remote.version()));
                    if (localIsEdit) {
                        assertThat(action).as(situation + ": a local edit is never overwritten or deleted")
                                .isIn(KEEPS_LOCAL);
                    }
                    if (local.state() == Observed.State.INELIGIBLE) {
                        assertThat(action).as(situation + ": a local file we cannot send is never overwritten or deleted")
                                .isIn(KEEPS_LOCAL);
                    }
                    if (action == DOWNLOAD) {
                        assertThat(local.isAbsent() || local.version().sameContent(base))
                                .as(situation + ": DOWNLOAD only replaces nothing or the base").isTrue();
                    }
                    if (action == DELETE_LOCAL) {
                        assertThat(remote.isAbsent() && local.isFile() && local.version().sameContent(base))
                                .as(situation + ": DELETE_LOCAL only removes the unchanged base").isTrue();
                    }
                    if (action == UPLOAD) {
                        assertThat(base != null && remote.isFile() && remote.version().sameContent(base))
                                .as(situation + ": a plain UPLOAD only replaces the server's unchanged base").isTrue();
                    }
                    if (action.uploads()) {
                        assertThat(local.isFile() && remote.isFile())
                                .as(situation + ": clients only send edits of files the server has").isTrue();
                    }
                    if (action == NONE || action == RECORD) {
                        assertThat(sameState(local, remote)).as(situation + ": NONE/RECORD only when both sides agree").isTrue();
                    }
                    if (remote.isFile() && !sameState(local, remote)) {
                        assertThat(action).as(situation + ": a server file we lack or differ from is never ignored")
                                .isIn(DOWNLOAD, DOWNLOAD_KEEP_LOCAL_COPY, UPLOAD, UPLOAD_CONFLICT, KEEP_INELIGIBLE);
                    }
                    assertThat(SyncRules.reconcile(withoutTime(base), withoutTime(local), withoutTime(remote)))
                            .as(situation + ": the client decides on content, never on times").isEqualTo(action);
                }
            }
        }
        assertThat(combinations).isEqualTo(2 * 11 * 10);
    }

    @Test
    void incomingNeverThrowsAndNeverOverwritesAnUnjudgedLocalEdit() {
        int combinations = 0;
        for (Version base : bases()) {
            for (Observed local : locals()) {
                for (Observed remote : remotes()) {
                    if (!remote.isFile()) {
                        continue;
                    }
                    Version incoming = remote.version();
                    for (String superseded : supersedes()) {
                        combinations++;
                        String situation = "base=" + name(base) + " local=" + name(local) + " incoming=" + name(incoming)
                                + " supersedes=" + name(superseded);
                        IncomingAction action = SyncRules.incoming(base, local, incoming, superseded);

                        assertThat(action).as(situation).isNotNull();
                        boolean unknownLocalContent = local.isFile() && !local.version().sameContent(base)
                                && !local.version().sameContent(incoming) && !local.version().sameContent(superseded);
                        if (unknownLocalContent) {
                            assertThat(action).as(situation + ": a local edit nobody has seen is sent first")
                                    .isEqualTo(IncomingAction.UPLOAD_LOCAL_FIRST);
                        }
                        if (action == IncomingAction.WRITE) {
                            assertThat(local.isAbsent() || local.version().sameContent(base))
                                    .as(situation + ": WRITE only replaces nothing or the base").isTrue();
                        }
                        if (action == IncomingAction.RECORD) {
                            assertThat(local.has(incoming.sha256())).as(situation + ": RECORD only when equal").isTrue();
                        }
                        if (action == IncomingAction.UPLOAD_LOCAL_FIRST) {
                            assertThat(local.isFile()).as(situation).isTrue();
                        }
                        if (local.state() == Observed.State.INELIGIBLE) {
                            assertThat(action).as(situation).isEqualTo(IncomingAction.WRITE_KEEP_LOCAL_COPY);
                        }
                        assertThat(SyncRules.incoming(withoutTime(base), withoutTime(local), withoutTime(incoming), superseded))
                                .as(situation + ": the client decides on content, never on times").isEqualTo(action);
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(2 * 11 * 9 * 4);
    }

    @Test
    void judgeNeverThrowsAndAcceptsOnlyAnEditOfTheCurrentVersion() {
        int combinations = 0;
        for (Observed current : remotes()) {
            for (Observed update : remotes()) {
                if (!update.isFile()) {
                    continue;
                }
                for (String updateBase : supersedes()) {
                    combinations++;
                    Version now = current.version();
                    Version sent = update.version();
                    String situation = "current=" + name(now) + " update=" + name(sent) + " base=" + name(updateBase);
                    ServerAction action = SyncRules.judge(now, sent, updateBase);

                    assertThat(action).as(situation).isNotNull();
                    assertThat(action == NOT_ALLOWED).as(situation + ": NOT_ALLOWED exactly when the path is missing")
                            .isEqualTo(now == null);
                    assertThat(action == ALREADY_CURRENT).as(situation + ": ALREADY_CURRENT exactly when equal")
                            .isEqualTo(now != null && now.sameContent(sent));
                    if (action == ACCEPT) {
                        assertThat(now.sameContent(updateBase)).as(situation + ": ACCEPT only an edit of the current version")
                                .isTrue();
                    }
                    if (now != null && !now.sameContent(sent) && now.sameContent(updateBase)) {
                        assertThat(action).as(situation + ": an edit of the current version is no conflict").isEqualTo(ACCEPT);
                    }
                    if (action == CLIENT_WINS) {
                        assertThat(sent.mtime()).as(situation + ": the client wins only when strictly newer")
                                .isGreaterThan(now.mtime());
                        assertThat(now.sameContent(updateBase)).as(situation).isFalse();
                    }
                    if (action == SERVER_WINS) {
                        assertThat(sent.mtime()).as(situation + ": the server wins ties and newer").isLessThanOrEqualTo(now.mtime());
                        assertThat(now.sameContent(updateBase)).as(situation).isFalse();
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(10 * 9 * 4);
    }

    /**
     * The three functions together: whatever a client uploads after a reconcile is either taken by
     * the server or judged as a conflict (never refused as a create), and a local edit that loses is
     * kept as a copy when the server's version is pushed back superseding it.
     */
    @Test
    void aLocalEditSurvivesTheRoundTripThroughTheServer() {
        for (Version base : bases()) {
            for (Observed local : locals()) {
                for (Observed remote : remotes()) {
                    String situation = "base=" + name(base) + " local=" + name(local) + " remote=" + name(remote);
                    ClientAction action = SyncRules.reconcile(base, local, remote);
                    if (!action.uploads()) {
                        continue;
                    }
                    String sentBase = base == null ? null : base.sha256();
                    ServerAction verdict = SyncRules.judge(remote.version(), local.version(), sentBase);

                    if (action == UPLOAD) {
                        assertThat(verdict).as(situation).isEqualTo(ACCEPT);
                    }
                    else {
                        assertThat(verdict).as(situation).isIn(ACCEPT, CLIENT_WINS, SERVER_WINS);
                    }
                    if (verdict == SERVER_WINS) {
                        // the server pushes its version back, superseding the client's losing content
                        IncomingAction back = SyncRules.incoming(base, local, remote.version(), local.version().sha256());
                        assertThat(back).as(situation + ": the losing local edit is kept as a copy")
                                .isEqualTo(IncomingAction.WRITE_KEEP_LOCAL_COPY);
                    }
                }
            }
        }
    }

    @Test
    void exhaustiveValueSetsCoverEveryStateAndAction() {
        Set<ClientAction> seen = EnumSet.noneOf(ClientAction.class);
        for (Version base : bases()) {
            for (Observed local : locals()) {
                for (Observed remote : remotes()) {
                    seen.add(SyncRules.reconcile(base, local, remote));
                }
            }
        }
        for (Observed local : locals()) {
            for (Observed remote : remotes()) {
                seen.add(SyncRules.reconcile(null, local, remote, false));
            }
        }
        assertThat(seen).as("the loop reaches every client action").containsExactlyInAnyOrder(ClientAction.values());
        assertThat(Objects.requireNonNull(locals())).extracting(Observed::state)
                .contains(Observed.State.values());
    }

    // ---- helpers

    private static Arguments row(String description, Object... values) {
        Object[] all = new Object[values.length + 1];
        all[0] = description;
        System.arraycopy(values, 0, all, 1, values.length);
        return Arguments.of(all);
    }

    private static boolean sameState(Observed local, Observed remote) {
        if (local.isFile() && remote.isFile()) {
            return local.version().sameContent(remote.version());
        }
        return local.state() == remote.state();
    }

    private static Version withoutTime(Version version) {
        return version == null ? null : v(version.sha256(), 0);
    }

    private static Observed withoutTime(Observed observed) {
        return observed.isFile() ? file(observed.version().sha256(), 0) : observed;
    }

    private static String name(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String sha) {
            return sha.substring(0, 1).toUpperCase();
        }
        if (value instanceof Version version) {
            return name(version.sha256()) + "@" + version.mtime();
        }
        Observed observed = (Observed) value;
        return observed.isFile() ? name(observed.version()) : observed.state().name();
    }
}
