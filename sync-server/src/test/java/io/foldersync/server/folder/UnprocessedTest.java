package io.foldersync.server.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Changes left unprocessed by a failure: end to end in ServerDiskFullTest (a state database on a full tmpfs). */
class UnprocessedTest {

    Unprocessed unprocessed = new Unprocessed();

    static RuntimeException commitFailed() {
        return new IllegalStateException("JDBC commit failed",
                new SQLException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)"));
    }

    @Test
    void aFailureAsksForARescanAndNamesItsInnermostCause() {
        assertThat(unprocessed.rescanNeeded()).isFalse();
        assertThat(unprocessed.problem("docs")).isNull();
        unprocessed.failed("docs", commitFailed());
        assertThat(unprocessed.rescanNeeded()).isTrue();
        assertThat(unprocessed.problem("docs")).contains("folder docs", "database or disk is full")
                .doesNotContain("JDBC commit failed");
        assertThat(unprocessed.problem("notes")).as("another folder").isNull();
    }

    @Test
    void onlyASuccessfulRescanEndsIt() {
        unprocessed.failed("docs", commitFailed());
        unprocessed.failed("docs", new IllegalStateException("again"));
        assertThat(unprocessed.problem("docs")).contains("again");
        unprocessed.rescanned("docs");
        assertThat(unprocessed.rescanNeeded()).isFalse();
        assertThat(unprocessed.problem("docs")).isNull();
    }

    @Test
    void aCauseWithoutAMessageIsNamedByItsType() {
        unprocessed.failed("docs", new IllegalStateException("outer", new NullPointerException()));
        assertThat(unprocessed.problem("docs")).contains("NullPointerException");
    }
}
