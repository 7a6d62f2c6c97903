package io.foldersync.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/**
 * Work left undone by a failure: end to end in the client module's ServerDiskFullTest (the server's
 * state database on a full tmpfs) and LocalStateDiskFullTest (the client's).
 */
class UnprocessedTest {

    Unprocessed unprocessed = new Unprocessed("they are not sent", "retried at every interval");

    static RuntimeException commitFailed() {
        return new IllegalStateException("JDBC commit failed",
                new SQLException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)"));
    }

    @Test
    void aFailureIsPendingAndNamesItsInnermostCause() {
        assertThat(unprocessed.pending()).isFalse();
        assertThat(unprocessed.problem()).isNull();
        unprocessed.failed("the changes in folder docs", commitFailed());
        assertThat(unprocessed.pending()).isTrue();
        assertThat(unprocessed.problem()).isEqualTo("could not process the changes in folder docs: [SQLITE_FULL] Insertion"
                + " failed because database is full (database or disk is full) (retried at every interval)");
    }

    @Test
    void onlyWorkDoneAgainEndsIt() {
        unprocessed.failed("the changes in folder docs", commitFailed());
        unprocessed.failed("the changes in folder docs", new IllegalStateException("again"));
        assertThat(unprocessed.problem()).contains("again");
        unprocessed.processed("the changes in folder docs");
        assertThat(unprocessed.pending()).isFalse();
        assertThat(unprocessed.problem()).isNull();
    }

    @Test
    void aCauseWithoutAMessageIsNamedByItsType() {
        unprocessed.failed("what the server sent", new IllegalStateException("outer", new NullPointerException()));
        assertThat(unprocessed.problem()).contains("NullPointerException");
    }
}
