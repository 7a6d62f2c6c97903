package io.foldersync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The oracle itself, on made-up worlds: a model test whose oracle cannot fail proves nothing, so
 * each rule is shown to catch what it is there for, and to let pass what the sync may do.
 */
class OracleTest {

    final Ledger ledger = new Ledger();

    final Ledger.Version seed = ledger.record(ledger.draft(Ledger.SEED, "docs/a.txt", "a.txt", "r0", ""));

    final Ledger.Version edit = ledger.record(ledger.draft("alpha", "alpha:a.txt", "a.txt", "r1.1", "x\n"));

    final Ledger.Version mine = ledger.record(Ledger.privateTo(ledger.draft("beta", "beta:n.txt", "n.txt", "r1.2", ""), "beta"));

    @Test
    void aSettledWorldWhereEveryVersionIsSomewherePasses() {
        ledger.supersede(seed.content(), "r1.1"); // alpha's user edited it
        World world = world(Map.of("a.txt", edit.content()), Map.of("a.txt", edit.content()),
                Map.of("a.txt", edit.content(), "n.txt", mine.content()));
        assertThat(Oracle.unsettled(world, ledger)).isEmpty();
        assertThat(Oracle.violations(world, ledger)).isEmpty();
    }

    @Test
    void aVersionNoUserReplacedMustBeSomewhere() {
        World world = world(Map.of("a.txt", edit.content()), Map.of("a.txt", edit.content()),
                Map.of("a.txt", edit.content(), "n.txt", mine.content()));
        assertThat(Oracle.violations(world, ledger)).singleElement().asString().startsWith("lost: v1 ");
    }

    @Test
    void aVersionKeptOnlyInTheConflictStoreOrAConflictCopyIsNotLost() {
        World inStore = new World("docs", Map.of("docs", Map.of("a.txt", edit.content()), "notes", Map.of()), sessions(),
                Map.of("alpha", client("alpha", Map.of("a.txt", edit.content())),
                        "beta", client("beta", Map.of("a.txt", edit.content(), "n.txt", mine.content()))),
                List.of(new World.Conflict(1, "docs", "a.txt", seed.content())), List.of());
        assertThat(Oracle.violations(inStore, ledger)).isEmpty();
        World inCopy = world(Map.of("a.txt", edit.content()),
                Map.of("a.txt", edit.content(), "a.sync-conflict-20261201-120000.txt", seed.content()),
                Map.of("a.txt", edit.content(), "n.txt", mine.content()));
        assertThat(Oracle.unsettled(inCopy, ledger)).isEmpty();
        assertThat(Oracle.violations(inCopy, ledger)).isEmpty();
    }

    @Test
    void aLocalOnlyFileNeverLeavesItsClient() {
        ledger.supersede(seed.content(), "r1.1");
        World onServer = world(Map.of("a.txt", edit.content(), "n.txt", mine.content()), Map.of("a.txt", edit.content()),
                Map.of("a.txt", edit.content(), "n.txt", mine.content()));
        assertThat(Oracle.violations(onServer, ledger)).anySatisfy(p -> assertThat(p).startsWith("leaked: v3 ")
                .endsWith("is at server:docs/n.txt"));
        World onAlpha = world(Map.of("a.txt", edit.content()), Map.of("a.txt", edit.content(), "n.txt", mine.content()),
                Map.of("a.txt", edit.content(), "n.txt", mine.content()));
        assertThat(Oracle.violations(onAlpha, ledger)).singleElement().asString().endsWith("is at alpha:n.txt");
    }

    @Test
    void aLocalOnlyFileStaysAtItsPathOrBesideIt() {
        ledger.supersede(seed.content(), "r1.1");
        World aside = world(Map.of("a.txt", edit.content()), Map.of("a.txt", edit.content()),
                Map.of("a.txt", edit.content(), "n.sync-conflict-20261201-120000.txt", mine.content()));
        assertThat(Oracle.violations(aside, ledger)).isEmpty();
        World elsewhere = world(Map.of("a.txt", edit.content()), Map.of("a.txt", edit.content()),
                Map.of("a.txt", edit.content(), "sub/n.txt", mine.content()));
        assertThat(Oracle.violations(elsewhere, ledger)).singleElement().asString().startsWith("moved: v3 ");
    }

    @Test
    void aClientThatMissesAServerFileOrKeepsAStaleOneIsNotSettled() {
        ledger.supersede(seed.content(), "r1.1");
        World missing = world(Map.of("a.txt", edit.content()), Map.of(), Map.of("a.txt", edit.content(), "n.txt", mine.content()));
        assertThat(Oracle.unsettled(missing, ledger)).singleElement().asString()
                .isEqualTo("alpha:a.txt is (nothing), the server has v2");
        // the server deleted b.txt (v1 there); alpha still has it, and alpha's user never wrote v1
        World stale = world(Map.of("a.txt", edit.content()), Map.of("a.txt", edit.content(), "b.txt", seed.content()),
                Map.of("a.txt", edit.content(), "n.txt", mine.content()));
        assertThat(Oracle.unsettled(stale, ledger)).singleElement().asString().contains("a stale file");
        // an edit of alpha's own that the server no longer has a place for stays, local-only
        World kept = world(Map.of(), Map.of("a.txt", edit.content()), Map.of("n.txt", mine.content()));
        assertThat(Oracle.unsettled(kept, ledger)).isEmpty();
    }

    @Test
    void contentNoUserWroteIsMadeUp() {
        ledger.supersede(seed.content(), "r1.1");
        World world = world(Map.of("a.txt", edit.content()), Map.of("a.txt", edit.content(), "b.txt", ""),
                Map.of("a.txt", edit.content(), "n.txt", mine.content()));
        assertThat(Oracle.violations(world, ledger)).singleElement().asString().startsWith("made up: alpha:b.txt");
        ledger.supersede("half a vers", "r2.1");
        assertThat(Oracle.violations(world, ledger)).hasSize(2);
    }

    @Test
    void filesInTheWorkDirectoriesKeepTheWorldFromSettling() {
        ledger.supersede(seed.content(), "r1.1");
        World world = new World("docs", Map.of("docs", Map.of("a.txt", edit.content()), "notes", Map.of()), sessions(),
                Map.of("alpha", client("alpha", Map.of("a.txt", edit.content())),
                        "beta", client("beta", Map.of("a.txt", edit.content(), "n.txt", mine.content()))),
                List.of(), List.of("server/docs/.foldersync/tmp/stage-1.tmp"));
        assertThat(Oracle.unsettled(world, ledger)).containsExactly("left behind: server/docs/.foldersync/tmp/stage-1.tmp");
        assertThat(Oracle.violations(world, ledger)).isEmpty();
    }

    @Test
    void notConnectedOrStillSendingIsNotSettled() {
        World world = new World("docs", Map.of("docs", Map.of(), "notes", Map.of()), Map.of("alpha", "notes"),
                Map.of("alpha", new World.ClientView("alpha", true, false, "notes", 2, Map.of(), Map.of())), List.of(), List.of());
        assertThat(Oracle.unsettled(world, ledger)).containsExactly("alpha is not connected",
                "alpha mirrors notes, the server's active folder is docs", "the server's session for alpha mirrors notes",
                "alpha has 2 unanswered uploads");
    }

    @Test
    void aBinaryEditIsLeftAloneOnlyWhileTheServerHasTheVersionItWasMadeOn() {
        ledger.supersede(seed.content(), "r1.1");
        ledger.supersede(edit.content(), "r2.1");
        Ledger.Version binary = ledger.record(Ledger.privateTo(ledger.draftBinary("alpha", "alpha:a.txt", "a.txt", "r2.1", ""),
                "alpha"));
        Ledger.Version server = ledger.record(ledger.draft(Ledger.SERVER, "docs/a.txt", "a.txt", "r3.1", ""));
        World kept = world(Map.of("a.txt", edit.content()), Map.of("a.txt", binary.content()),
                Map.of("a.txt", edit.content(), "n.txt", mine.content()));
        World keptWithBase = withAlphaBase(kept, "a.txt", World.sha256(edit.content()));
        ledger.supersede(server.content(), "r3.2"); // not in this world
        assertThat(Oracle.unsettled(keptWithBase, ledger)).isEmpty();
        assertThat(Oracle.violations(keptWithBase, ledger)).isEmpty();
        World moved = withAlphaBase(world(Map.of("a.txt", server.content()), Map.of("a.txt", binary.content()),
                Map.of("a.txt", server.content(), "n.txt", mine.content())), "a.txt", World.sha256(edit.content()));
        assertThat(Oracle.unsettled(moved, ledger)).singleElement().asString()
                .isEqualTo("alpha:a.txt is v4(binary), the server has v5");
        World sent = world(Map.of("a.txt", binary.content()), Map.of("a.txt", binary.content()),
                Map.of("n.txt", mine.content()));
        assertThat(Oracle.violations(sent, ledger)).singleElement().asString().startsWith("leaked: v4(binary) ");
    }

    @Test
    void recognisesConflictCopiesBesideTheirFile() {
        assertThat(Oracle.isCopyOf("a.sync-conflict-20261201-120000.txt", "a.txt")).isTrue();
        assertThat(Oracle.isCopyOf("d/a.sync-conflict-20261201-120000-2.txt", "d/a.txt")).isTrue();
        assertThat(Oracle.isCopyOf("README.sync-conflict-20261201-120000", "README")).isTrue();
        assertThat(Oracle.isCopyOf("a.sync-conflict-20261201-120000.txt", "d/a.txt")).isFalse();
        assertThat(Oracle.isCopyOf("d/a.sync-conflict-20261201-120000.txt", "a.txt")).isFalse();
        assertThat(Oracle.isCopyOf("a.sync-conflict-20261201-120000.md", "a.txt")).isFalse();
        assertThat(Oracle.isCopyOf("a.sync-conflict-.txt", "a.txt")).isFalse();
    }

    /** Server folder docs active (notes empty), alpha and beta connected to it, no kept conflicts. */
    private static World world(Map<String, String> server, Map<String, String> alpha, Map<String, String> beta) {
        return new World("docs", Map.of("docs", new TreeMap<>(server), "notes", Map.of()), sessions(),
                Map.of("alpha", client("alpha", alpha), "beta", client("beta", beta)), List.of(), List.of());
    }

    private static World withAlphaBase(World world, String path, String sha256) {
        World.ClientView alpha = world.clients().get("alpha");
        Map<String, World.ClientView> clients = new TreeMap<>(world.clients());
        clients.put("alpha", new World.ClientView("alpha", true, true, "docs", 0, alpha.files(), Map.of(path, sha256)));
        return new World(world.active(), world.serverFolders(), world.sessions(), clients, world.conflicts(), world.litter());
    }

    private static Map<String, String> sessions() {
        return Map.of("alpha", "docs", "beta", "docs");
    }

    private static World.ClientView client(String name, Map<String, String> files) {
        return new World.ClientView(name, true, true, "docs", 0, new TreeMap<>(files), Map.of());
    }
}
