package io.foldersync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process per state database: a second one stops at start-up naming the setting; a killed one frees it. */
class StateLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondProcessOnTheSameStateDatabaseIsRefusedUntilTheFirstEnds() throws Exception {
        Path db = dir.resolve("client-state.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(List.of(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                StateLockHolder.class.getName(), db.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> StateDatabase.open(db))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("foldersync.state-db")
                    .hasMessageContaining("in use by another foldersync process");
        }
        finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // as kill -9: the system releases the lock
        }
        DataSource opened = StateDatabase.open(db);
        ((AutoCloseable) opened).close();
    }

    @Test
    void aDatabaseClosedInThisProcessCanBeOpenedAgainAndNotTwiceAtOnce() throws Exception {
        Path db = dir.resolve("server-state.db");
        DataSource first = StateDatabase.open(db);
        assertThatThrownBy(() -> StateDatabase.open(db)).isInstanceOf(InvalidSettingException.class);
        ((AutoCloseable) first).close();
        DataSource again = StateDatabase.open(db);
        ((AutoCloseable) again).close();
    }
}
