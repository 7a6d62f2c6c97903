package io.foldersync.reconcile;

import static io.foldersync.reconcile.ServerMoved.Action.DROP_SOURCE;
import static io.foldersync.reconcile.ServerMoved.Action.FETCH_DESTINATION;
import static io.foldersync.reconcile.ServerMoved.Action.KEEP_DESTINATION_ASIDE_THEN_MOVE;
import static io.foldersync.reconcile.ServerMoved.Action.KEEP_SOURCE_FETCH_DESTINATION;
import static io.foldersync.reconcile.ServerMoved.Action.MOVE;
import static io.foldersync.reconcile.Values.A;
import static io.foldersync.reconcile.Values.ABSENT;
import static io.foldersync.reconcile.Values.B;
import static io.foldersync.reconcile.Values.C;
import static io.foldersync.reconcile.Values.INELIGIBLE;
import static io.foldersync.reconcile.Values.file;
import static io.foldersync.reconcile.Values.row;
import static io.foldersync.reconcile.Values.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerMovedTest {

    static Arguments[] cases() {
        return new Arguments[] {
                row("unchanged source, free destination: rename here", v(A), file(A), ABSENT, A, MOVE),
                row("no base but the moved content: rename here", null, file(A), ABSENT, A, MOVE),
                row("unchanged source, a local-only file at the destination: keep it aside, then rename", v(A), file(A), file(B), A, KEEP_DESTINATION_ASIDE_THEN_MOVE),
                row("unchanged source, a binary file at the destination: keep it aside, then rename", v(A), file(A), INELIGIBLE, A, KEEP_DESTINATION_ASIDE_THEN_MOVE),
                row("the destination already has the moved content: drop the source", v(A), file(A), file(A), A, DROP_SOURCE),
                row("edited source: keep it, fetch the destination", v(A), file(B), ABSENT, A, KEEP_SOURCE_FETCH_DESTINATION),
                row("edited source, destination already there: keep the source all the same", v(A), file(B), file(A), A, KEEP_SOURCE_FETCH_DESTINATION),
                row("binary source: keep it, fetch the destination", v(A), INELIGIBLE, ABSENT, A, KEEP_SOURCE_FETCH_DESTINATION),
                row("source gone here: fetch the destination", v(A), ABSENT, ABSENT, A, FETCH_DESTINATION),
                row("a local-only file at the source path: keep it, fetch", null, file(C), ABSENT, A, KEEP_SOURCE_FETCH_DESTINATION),
                row("an old server that sends no sha256: the base decides", v(A), file(A), ABSENT, null, MOVE),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String description, Version base, Observed source, Observed destination, String moved, ServerMoved.Action expected) {
        assertThat(ServerMoved.decide(base, source, destination, moved)).isEqualTo(expected);
    }

    @Test
    void neverMovesOrDropsAnEditAndNeverMovesOverAFile() {
        Set<ServerMoved.Action> seen = EnumSet.noneOf(ServerMoved.Action.class);
        for (Version base : Values.bases()) {
            for (Observed source : Values.observed()) {
                for (Observed destination : Values.observed()) {
                    for (String moved : Values.shas()) {
                        ServerMoved.Action action = ServerMoved.decide(base, source, destination, moved);
                        String situation = Values.names(base, source, destination, moved).toString();
                        seen.add(action);
                        boolean sourceKnown = source.isFile() && (source.version().sameContent(base)
                                || source.has(moved != null ? moved : base == null ? null : base.sha256()));
                        if (action == MOVE || action == DROP_SOURCE || action == KEEP_DESTINATION_ASIDE_THEN_MOVE) {
                            assertThat(sourceKnown).as(situation + ": only content the server had is moved or dropped").isTrue();
                        }
                        if (action == MOVE) {
                            assertThat(destination.isAbsent()).as(situation + ": never renamed over a file").isTrue();
                        }
                        if (source.isFile() && !sourceKnown || source.state() == Observed.State.INELIGIBLE) {
                            assertThat(action).as(situation).isEqualTo(KEEP_SOURCE_FETCH_DESTINATION);
                        }
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(ServerMoved.Action.values());
    }
}
