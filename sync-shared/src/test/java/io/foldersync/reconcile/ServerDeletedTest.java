package io.foldersync.reconcile;

import static io.foldersync.reconcile.ServerDeleted.Action.DELETE_LOCAL;
import static io.foldersync.reconcile.ServerDeleted.Action.FORGET_BASE;
import static io.foldersync.reconcile.ServerDeleted.Action.KEEP_AS_LOCAL_ONLY;
import static io.foldersync.reconcile.ServerDeleted.Action.NOTHING;
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

class ServerDeletedTest {

    static Arguments[] cases() {
        return new Arguments[] {
                row("unchanged since the base: delete it here too", v(A), file(A), A, DELETE_LOCAL),
                row("no base, but exactly the content the server deleted: delete it", null, file(A), A, DELETE_LOCAL),
                row("the base is stale but the file is what the server deleted: delete it", v(B), file(A), A, DELETE_LOCAL),
                row("edited here since the base: keep it as a local-only file", v(A), file(B), A, KEEP_AS_LOCAL_ONLY),
                row("became binary here: keep it as a local-only file", v(A), INELIGIBLE, A, KEEP_AS_LOCAL_ONLY),
                row("already gone here: forget the base", v(A), ABSENT, A, FORGET_BASE),
                row("a local-only file at a path the server deleted: leave it", null, file(B), A, NOTHING),
                row("a binary local-only file: leave it", null, INELIGIBLE, A, NOTHING),
                row("nothing anywhere", null, ABSENT, A, NOTHING),
                row("an old server that sends no sha256: the base decides", v(A), file(A), null, DELETE_LOCAL),
                row("an old server that sends no sha256, local edit: kept", v(A), file(C), null, KEEP_AS_LOCAL_ONLY),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String description, Version base, Observed local, String deleted, ServerDeleted.Action expected) {
        assertThat(ServerDeleted.decide(base, local, deleted)).isEqualTo(expected);
    }

    @Test
    void neverDeletesContentTheServerDidNotHave() {
        Set<ServerDeleted.Action> seen = EnumSet.noneOf(ServerDeleted.Action.class);
        for (Version base : Values.bases()) {
            for (Observed local : Values.observed()) {
                for (String deleted : Values.shas()) {
                    ServerDeleted.Action action = ServerDeleted.decide(base, local, deleted);
                    String situation = Values.names(base, local, deleted).toString();
                    seen.add(action);
                    if (action == DELETE_LOCAL) {
                        assertThat(local.isFile() && (local.version().sameContent(base) || local.has(deleted)))
                                .as(situation + ": only the synced or the deleted content is deleted").isTrue();
                    }
                    if (local.state() == Observed.State.INELIGIBLE) {
                        assertThat(action).as(situation).isNotEqualTo(DELETE_LOCAL);
                    }
                    if (base == null) {
                        assertThat(action).as(situation + ": no base to forget").isIn(DELETE_LOCAL, NOTHING);
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(ServerDeleted.Action.values());
    }
}
