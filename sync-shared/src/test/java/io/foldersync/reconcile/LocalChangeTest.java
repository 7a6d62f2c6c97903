package io.foldersync.reconcile;

import static io.foldersync.reconcile.LocalChange.Action.LOCAL_ONLY;
import static io.foldersync.reconcile.LocalChange.Action.MISSING;
import static io.foldersync.reconcile.LocalChange.Action.NOTHING;
import static io.foldersync.reconcile.LocalChange.Action.NOT_SENDABLE;
import static io.foldersync.reconcile.LocalChange.Action.UPLOAD;
import static io.foldersync.reconcile.LocalChange.Action.WAIT;
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

class LocalChangeTest {

    static Arguments[] cases() {
        return new Arguments[] {
                row("edited: send it as an edit of the base", true, v(A), null, file(B), UPLOAD, A),
                row("edited again while the first edit is unanswered: an edit of the content sent", true, v(A), B, file(C), UPLOAD, B),
                row("back to the base while an edit is unanswered: sent as an edit of that edit", true, v(A), B, file(A), UPLOAD, B),
                row("the content already on its way: nothing", true, v(A), B, file(B), NOTHING, null),
                row("in sync: nothing", true, v(A), null, file(A), NOTHING, null),
                row("created here: stays local-only", true, null, null, file(A), LOCAL_ONLY, null),
                row("a binary file created here: stays local-only", true, null, null, INELIGIBLE, LOCAL_ONLY, null),
                row("became binary: kept here, not sent", true, v(A), null, INELIGIBLE, NOT_SENDABLE, null),
                row("deleted or renamed here: restored at the next reconcile", true, v(A), null, ABSENT, MISSING, null),
                row("nothing, never anything", true, null, null, ABSENT, NOTHING, null),
                row("not connected: the reconcile after connecting finds it", false, v(A), null, file(B), WAIT, null),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String description, boolean connected, Version base, String pending, Observed local,
            LocalChange.Action expected, String sendBase) {
        assertThat(LocalChange.decide(connected, base, pending, local))
                .isEqualTo(new LocalChange.Decision(expected, sendBase));
    }

    @Test
    void sendsOnlyEditsOfTrackedFilesRelativeToWhatTheServerWillHave() {
        Set<LocalChange.Action> seen = EnumSet.noneOf(LocalChange.Action.class);
        for (boolean connected : new boolean[] { true, false }) {
            for (Version base : Values.bases()) {
                for (String pending : Values.shas()) {
                    for (Observed local : Values.observed()) {
                        LocalChange.Decision d = LocalChange.decide(connected, base, pending, local);
                        String situation = connected + " " + Values.names(base, pending, local);
                        seen.add(d.action());
                        if (d.action() == UPLOAD) {
                            assertThat(base).as(situation + ": only files with a base are sent").isNotNull();
                            assertThat(local.isFile()).as(situation).isTrue();
                            assertThat(d.sendBase()).as(situation + ": the base is the last content sent, else the base")
                                    .isEqualTo(pending != null ? pending : base.sha256());
                            assertThat(local.has(d.sendBase())).as(situation + ": never sends what the server has").isFalse();
                        }
                        else {
                            assertThat(d.sendBase()).isNull();
                        }
                        if (connected && base != null && local.isFile()
                                && !local.has(pending != null ? pending : base.sha256())) {
                            assertThat(d.action()).as(situation + ": an edit is never ignored").isEqualTo(UPLOAD);
                        }
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(LocalChange.Action.values());
    }
}
