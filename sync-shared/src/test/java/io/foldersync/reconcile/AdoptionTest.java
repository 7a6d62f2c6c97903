package io.foldersync.reconcile;

import static io.foldersync.reconcile.Adoption.Action.DOWNLOAD;
import static io.foldersync.reconcile.Adoption.Action.KEEP_ASIDE_THEN_DOWNLOAD;
import static io.foldersync.reconcile.Adoption.Action.LOCAL_ONLY;
import static io.foldersync.reconcile.Adoption.Action.NOTHING;
import static io.foldersync.reconcile.Adoption.Action.RECORD;
import static io.foldersync.reconcile.Values.A;
import static io.foldersync.reconcile.Values.ABSENT;
import static io.foldersync.reconcile.Values.B;
import static io.foldersync.reconcile.Values.INELIGIBLE;
import static io.foldersync.reconcile.Values.file;
import static io.foldersync.reconcile.Values.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdoptionTest {

    static Arguments[] cases() {
        return new Arguments[] {
                row("a local file with the server's content: record the base", file(A), file(A), RECORD),
                row("a local file with other content: keep it aside, fetch the server's (never sent)", file(B), file(A), KEEP_ASIDE_THEN_DOWNLOAD),
                row("a binary local file: keep it aside, fetch the server's", INELIGIBLE, file(A), KEEP_ASIDE_THEN_DOWNLOAD),
                row("nothing here: fetch", ABSENT, file(A), DOWNLOAD),
                row("a local file where the new folder has none: stays local-only", file(B), ABSENT, LOCAL_ONLY),
                row("a binary local file where the new folder has none: stays", INELIGIBLE, ABSENT, LOCAL_ONLY),
                row("nothing anywhere", ABSENT, ABSENT, NOTHING),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String description, Observed local, Observed remote, Adoption.Action expected) {
        assertThat(Adoption.decide(local, remote)).isEqualTo(expected);
    }

    @Test
    void neverSendsAndNeverOverwritesWithoutKeepingACopy() {
        Set<Adoption.Action> seen = EnumSet.noneOf(Adoption.Action.class);
        for (Observed local : Values.observed()) {
            for (Observed remote : Values.remotes()) {
                Adoption.Action action = Adoption.decide(local, remote);
                seen.add(action);
                if (action == DOWNLOAD) {
                    assertThat(local.isAbsent()).as(Values.names(local, remote) + ": DOWNLOAD replaces nothing").isTrue();
                }
                if (!local.isAbsent() && !(remote.isFile() && local.has(remote.version().sha256()))) {
                    assertThat(action).as(Values.names(local, remote) + ": a local version stays or is kept")
                            .isIn(KEEP_ASIDE_THEN_DOWNLOAD, LOCAL_ONLY);
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Adoption.Action.values());
        assertThatIllegalArgumentException().isThrownBy(() -> Adoption.decide(file(A), INELIGIBLE));
    }
}
