package io.foldersync.reconcile;

import static io.foldersync.reconcile.Values.A;
import static io.foldersync.reconcile.Values.ABSENT;
import static io.foldersync.reconcile.Values.B;
import static io.foldersync.reconcile.Values.file;
import static io.foldersync.reconcile.Values.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.foldersync.protocol.ErrorCode;
import io.foldersync.reconcile.FolderPresence.Marker;
import io.foldersync.reconcile.FolderPresence.Presence;

/** The decisions with few inputs: summaries, answers to uploads, refused uploads, delivered leftovers, folder presence. */
class SmallDecisionsTest {

    // ---- SUMMARY

    static Arguments[] summaries() {
        SummaryCheck.SinceLastReconcile changed = SummaryCheck.SinceLastReconcile.CHANGED;
        SummaryCheck.SinceLastReconcile unchanged = SummaryCheck.SinceLastReconcile.UNCHANGED;
        SummaryCheck.SinceLastReconcile waitOver = SummaryCheck.SinceLastReconcile.UNCHANGED_WAIT_OVER;
        return new Arguments[] {
                row("server and disk agree with the bases: in sync", true, true, false, changed, SummaryCheck.Action.IN_SYNC),
                row("in sync whatever the last reconcile saw", true, true, false, unchanged, SummaryCheck.Action.IN_SYNC),
                row("the server's digest differs: ask for the manifest", false, true, false, changed, SummaryCheck.Action.REQUEST_MANIFEST),
                row("a tracked file changed or vanished on disk: ask", true, false, false, changed, SummaryCheck.Action.REQUEST_MANIFEST),
                row("the first reconcile after a switch is not done: ask", true, true, true, changed, SummaryCheck.Action.REQUEST_MANIFEST),
                row("adopting: ask even when nothing changed", false, true, true, unchanged, SummaryCheck.Action.REQUEST_MANIFEST),
                row("differs as the last reconcile left it (a path it cannot write; the disk is not looked at then): wait", false, false, false, unchanged, SummaryCheck.Action.WAIT),
                row("the full look found the disk differing, no event since: ask (the next SUMMARY would not look again)", true, false, false, unchanged, SummaryCheck.Action.REQUEST_MANIFEST),
                row("the same difference, its wait run out: ask again", false, true, false, waitOver, SummaryCheck.Action.REQUEST_MANIFEST),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("summaries")
    void summary(String description, boolean server, boolean disk, boolean adopting, SummaryCheck.SinceLastReconcile since,
            SummaryCheck.Action expected) {
        assertThat(SummaryCheck.decide(server, disk, adopting, since)).isEqualTo(expected);
    }

    // ---- answers to an upload

    static Arguments[] answers() {
        return new Arguments[] {
                row("ACK: the acknowledged content is the new base", null, UploadAnswer.Action.RECORD_AS_BASE),
                row("NOT_ALLOWED: the server lacks the path; forget the base, keep the file", "NOT_ALLOWED", UploadAnswer.Action.FORGET_BASE_KEEP_LOCAL),
                row("CONFLICT: the server's version follows", "CONFLICT", UploadAnswer.Action.AWAIT_SERVER_VERSION),
                row("HASH_MISMATCH: changed while sent; sent again", "HASH_MISMATCH", UploadAnswer.Action.SEND_AGAIN_LATER),
                row("NOT_TEXT: keep it here", "NOT_TEXT", UploadAnswer.Action.KEEP_LOCAL_NOT_SENDABLE),
                row("TOO_LARGE: keep it here", "TOO_LARGE", UploadAnswer.Action.KEEP_LOCAL_NOT_SENDABLE),
                row("DELTA_FAILED: the server's file is not the delta's base; sent again whole", "DELTA_FAILED", UploadAnswer.Action.SEND_WHOLE),
                row("INTERNAL: retried at the next reconcile", "INTERNAL", UploadAnswer.Action.RETRY_AT_RECONCILE),
                row("a code this client does not know: retried", "SOMETHING_NEW", UploadAnswer.Action.RETRY_AT_RECONCILE),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void answer(String description, String code, UploadAnswer.Action expected) {
        assertThat(UploadAnswer.decide(code)).isEqualTo(expected);
    }

    // ---- an edit the server refused for now: when it is sent again

    static Arguments[] refusedUploads() {
        return new Arguments[] {
                row("nothing refused: nothing to send", 0, Duration.ofHours(1), false, RefusedUpload.Action.WAIT),
                row("refused once: sent again at the next SUMMARY", 1, Duration.ZERO, false, RefusedUpload.Action.SEND_AGAIN),
                row("refused twice in a row: not before 30 s", 2, Duration.ofSeconds(29), false, RefusedUpload.Action.WAIT),
                row("refused twice in a row, 30 s later: sent again", 2, Duration.ofSeconds(30), false, RefusedUpload.Action.SEND_AGAIN),
                row("refused three times: 60 s", 3, Duration.ofSeconds(59), false, RefusedUpload.Action.WAIT),
                row("refused three times, 60 s later", 3, Duration.ofSeconds(60), false, RefusedUpload.Action.SEND_AGAIN),
                row("refused many times: never more than 5 minutes", 40, Duration.ofMinutes(5), false, RefusedUpload.Action.SEND_AGAIN),
                row("refused many times, 4 minutes later: wait", 40, Duration.ofMinutes(4), false, RefusedUpload.Action.WAIT),
                row("refused many times, the server's disk has room again: at once", 40, Duration.ofSeconds(1), true,
                        RefusedUpload.Action.SEND_AGAIN),
                row("refused twice, space freed right after: at once", 2, Duration.ZERO, true, RefusedUpload.Action.SEND_AGAIN),
                row("space freed but nothing refused: nothing to send", 0, Duration.ZERO, true, RefusedUpload.Action.WAIT),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedUploads")
    void refusedUpload(String description, int refusals, Duration waited, boolean spaceFreed, RefusedUpload.Action expected) {
        assertThat(RefusedUpload.decide(refusals, waited, spaceFreed)).isEqualTo(expected);
    }

    @Test
    void everyErrorCodeHasAnAnswerAndOnlyNotAllowedForgetsABase() {
        for (ErrorCode code : ErrorCode.values()) {
            UploadAnswer.Action action = UploadAnswer.decide(code.name());
            assertThat(action).as(code.name()).isNotNull().isNotEqualTo(UploadAnswer.Action.RECORD_AS_BASE);
            assertThat(action == UploadAnswer.Action.FORGET_BASE_KEEP_LOCAL).as(code.name()).isEqualTo(code == ErrorCode.NOT_ALLOWED);
        }
    }

    // ---- delivered leftovers

    static Arguments[] leftovers() {
        return new Arguments[] {
                row("delivered and unchanged: leaves the mirror", A, file(A), false, false, DeliveredLeftover.Action.REMOVE),
                row("changed again since: stays", A, file(B), false, false, DeliveredLeftover.Action.KEEP),
                row("already gone: nothing to remove", A, ABSENT, false, false, DeliveredLeftover.Action.KEEP),
                row("a later upload is unanswered: wait for it", A, file(A), true, false, DeliveredLeftover.Action.WAIT_FOR_LAST),
                row("the new folder has this path: it stays", A, file(A), false, true, DeliveredLeftover.Action.KEEP),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leftovers")
    void leftover(String description, String acked, Observed local, boolean pending, boolean current,
            DeliveredLeftover.Action expected) {
        assertThat(DeliveredLeftover.decide(acked, local, pending, current)).isEqualTo(expected);
    }

    @Test
    void aLeftoverIsRemovedOnlyWhenItIsExactlyWhatTheServerTook() {
        for (String acked : new String[] { A, B }) {
            for (Observed local : Values.observed()) {
                for (boolean pending : new boolean[] { true, false }) {
                    for (boolean current : new boolean[] { true, false }) {
                        if (DeliveredLeftover.decide(acked, local, pending, current) == DeliveredLeftover.Action.REMOVE) {
                            assertThat(local.has(acked) && !pending && !current).isTrue();
                        }
                    }
                }
            }
        }
    }

    // ---- folder presence

    static Arguments[] presences() {
        return new Arguments[] {
                row("missing (unmounted, deleted): down, nothing propagates", Presence.MISSING, Marker.NONE, false, true, FolderPresence.Action.DOWN_MISSING),
                row("a file where the folder should be: down", Presence.NOT_A_DIRECTORY, Marker.NONE, false, true, FolderPresence.Action.DOWN_MISSING),
                row("unreadable: down", Presence.UNREADABLE, Marker.NONE, false, true, FolderPresence.Action.DOWN_UNREADABLE),
                row("our marker: usable, even when the user emptied it", Presence.PRESENT, Marker.OURS, false, true, FolderPresence.Action.USABLE),
                row("our marker and files: usable", Presence.PRESENT, Marker.OURS, true, true, FolderPresence.Action.USABLE),
                row("empty, no marker, files tracked: a lost mount; down", Presence.PRESENT, Marker.NONE, false, true, FolderPresence.Action.DOWN_UNMOUNTED),
                row("empty, no marker, nothing tracked: a new folder; mark it", Presence.PRESENT, Marker.NONE, false, false, FolderPresence.Action.USABLE_WRITE_MARKER),
                row("files, no marker: a folder from before markers; mark it", Presence.PRESENT, Marker.NONE, true, true, FolderPresence.Action.USABLE_WRITE_MARKER),
                row("our marker gone, empty, files tracked: a lost mount; down", Presence.PRESENT, Marker.GONE, false, true, FolderPresence.Action.DOWN_UNMOUNTED),
                row("our marker gone, a stray file, files tracked: a lost mount with a README on the mount point; down", Presence.PRESENT, Marker.GONE, true, true, FolderPresence.Action.DOWN_UNMOUNTED),
                row("our marker gone, nothing tracked: nothing to lose; mark it again", Presence.PRESENT, Marker.GONE, true, false, FolderPresence.Action.USABLE_WRITE_MARKER),
                row("another marker: another folder than the bases describe; forget them", Presence.PRESENT, Marker.OTHER, true, true, FolderPresence.Action.USABLE_FORGET_BASES),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presences")
    void presence(String description, Presence presence, Marker marker, boolean entries, boolean tracked,
            FolderPresence.Action expected) {
        assertThat(FolderPresence.decide(presence, marker, entries, tracked)).isEqualTo(expected);
    }

    @Test
    void anEmptyFolderWithoutMarkerNeverPropagatesTheLossOfTrackedFiles() {
        Set<FolderPresence.Action> seen = EnumSet.noneOf(FolderPresence.Action.class);
        for (Presence presence : Presence.values()) {
            for (Marker marker : Marker.values()) {
                for (boolean entries : new boolean[] { true, false }) {
                    for (boolean tracked : new boolean[] { true, false }) {
                        FolderPresence.Action action = FolderPresence.decide(presence, marker, entries, tracked);
                        seen.add(action);
                        if (presence == Presence.PRESENT && marker == Marker.NONE && !entries && tracked) {
                            assertThat(action).isEqualTo(FolderPresence.Action.DOWN_UNMOUNTED);
                        }
                        if (marker == Marker.GONE && tracked) {
                            // whatever stands at the path without our marker never deletes what is tracked
                            assertThat(action.name()).startsWith("DOWN");
                        }
                        if (presence != Presence.PRESENT) {
                            assertThat(action.name()).startsWith("DOWN");
                        }
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(FolderPresence.Action.values());
    }
}
