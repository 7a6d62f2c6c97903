package io.foldersync.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.foldersync.files.LocalFile;

/** The state store on a real SQLite file: bases by folder, a subtree by index range, forgetting. */
class StateStoreTest {

    @TempDir
    Path dir;

    @Test
    void findsASubtreeByIndexRangeAndNothingThatMerelySharesAPrefix() {
        try (ConfigurableApplicationContext context = TestStates.open(dir.resolve("state.db"))) {
            StateStore store = context.getBean(StateStore.class);
            for (String path : new String[] { "a", "a/b.txt", "a/c/d.txt", "a.txt", "a0", "ab/x.txt", "b/a/x.txt" }) {
                store.put("docs", new LocalFile(path, "0".repeat(64), 1, 1), "server");
            }
            store.put("notes", new LocalFile("a/b.txt", "0".repeat(64), 1, 1), "server");

            assertThat(store.filesUnder("docs", "a").keySet()).containsExactly("a", "a/b.txt", "a/c/d.txt");
            assertThat(store.filesUnder("docs", "").keySet()).hasSize(7);
            assertThat(store.folders()).containsExactlyInAnyOrder("docs", "notes");

            assertThat(store.forgetFolder("docs")).isEqualTo(7);
            assertThat(store.folders()).containsExactly("notes");
            store.forgetEverything();
            assertThat(store.folders()).isEmpty();
        }
    }

    @Test
    void aBatchIsRecordedWholeOrNotAtAll() {
        try (ConfigurableApplicationContext context = TestStates.open(dir.resolve("state.db"))) {
            StateStore store = context.getBean(StateStore.class);
            try {
                store.inOneTransaction(() -> {
                    store.put("docs", new LocalFile("one.txt", "0".repeat(64), 1, 1), "server");
                    throw new IllegalStateException("the power failed, say");
                });
            }
            catch (IllegalStateException expected) {
                // the batch did not complete
            }
            assertThat(store.count("docs")).isZero();
        }
    }
}
