package io.foldersync.reconcile;

import static io.foldersync.reconcile.LeavingFolder.Action.FORGET;
import static io.foldersync.reconcile.LeavingFolder.Action.KEEP_AS_LOCAL_ONLY;
import static io.foldersync.reconcile.LeavingFolder.Action.REMOVE;
import static io.foldersync.reconcile.LeavingFolder.Action.SEND_TO_OLD_FOLDER;
import static io.foldersync.reconcile.Values.A;
import static io.foldersync.reconcile.Values.ABSENT;
import static io.foldersync.reconcile.Values.B;
import static io.foldersync.reconcile.Values.INELIGIBLE;
import static io.foldersync.reconcile.Values.file;
import static io.foldersync.reconcile.Values.row;
import static io.foldersync.reconcile.Values.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LeavingFolderTest {

    static Arguments[] cases() {
        return new Arguments[] {
                row("unchanged: the server has it, it leaves the mirror", v(A), file(A), null, REMOVE),
                row("edited and not sent: it goes to the old folder first", v(A), file(B), null, SEND_TO_OLD_FOLDER),
                row("edited and on its way: it stays until acknowledged", v(A), file(B), B, SEND_TO_OLD_FOLDER),
                row("reverted to the base while an edit is on its way: the revert is sent too", v(A), file(A), B, SEND_TO_OLD_FOLDER),
                row("became binary: it stays as a local-only file", v(A), INELIGIBLE, null, KEEP_AS_LOCAL_ONLY),
                row("already gone: forget it", v(A), ABSENT, null, FORGET),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String description, Version base, Observed local, String pending, LeavingFolder.Action expected) {
        assertThat(LeavingFolder.decide(base, local, pending)).isEqualTo(expected);
    }

    @Test
    void removesOnlyWhatTheServerAlreadyHas() {
        Set<LeavingFolder.Action> seen = EnumSet.noneOf(LeavingFolder.Action.class);
        for (Version base : Values.bases()) {
            if (base == null) {
                continue;
            }
            for (Observed local : Values.observed()) {
                for (String pending : Values.shas()) {
                    LeavingFolder.Action action = LeavingFolder.decide(base, local, pending);
                    seen.add(action);
                    if (action == REMOVE) {
                        assertThat(local.has(base.sha256()) && pending == null)
                                .as(Values.names(base, local, pending) + ": only the synced content leaves").isTrue();
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(LeavingFolder.Action.values());
        assertThatIllegalArgumentException().isThrownBy(() -> LeavingFolder.decide(null, file(A), null));
    }
}
