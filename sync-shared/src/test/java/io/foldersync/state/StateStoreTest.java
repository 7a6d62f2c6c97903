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

            assertThat(paths(store.inOrder("docs", "a"))).containsExactly("a", "a/b.txt", "a/c/d.txt");
            assertThat(paths(store.inOrder("docs", "a/c"))).containsExactly("a/c/d.txt");
            assertThat(paths(store.inOrder("docs", ""))).containsExactly("a", "a.txt", "a/b.txt", "a/c/d.txt", "a0",
                    "ab/x.txt", "b/a/x.txt");
            assertThat(store.folders()).containsExactlyInAnyOrder("docs", "notes");

            assertThat(store.forgetFolder("docs")).isEqualTo(7);
            assertThat(store.folders()).containsExactly("notes");
            store.forgetEverything();
            assertThat(store.folders()).isEmpty();
        }
    }

    @Test
    void readsAFolderInPathOrderAPageAtATimeWhileItIsWritten() {
        try (ConfigurableApplicationContext context = TestStates.open(dir.resolve("state.db"))) {
            StateStore store = context.getBean(StateStore.class);
            java.util.List<LocalFile> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                batch.add(new LocalFile(String.format("d%d/f%04d.txt", i % 3, i), "0".repeat(64), 1, 1));
            }
            batch.add(new LocalFile("\uD83D\uDE00.txt", "0".repeat(64), 1, 1));
            batch.add(new LocalFile("\uE000.txt", "0".repeat(64), 1, 1));
            store.putAll("docs", batch, "server");

            java.util.List<String> seen = new java.util.ArrayList<>();
            var rows = store.inOrder("docs");
            while (rows.hasNext()) {
                String path = rows.next().path();
                seen.add(path);
                store.remove("docs", path); // what a reconcile may do to the path it is on
            }

            java.util.List<String> expected = batch.stream().map(LocalFile::path).sorted(io.foldersync.protocol.PathOrder.ORDER)
                    .toList();
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(seen.get(seen.size() - 1)).as("an emoji sorts after U+E000, as in UTF-8").isEqualTo("\uD83D\uDE00.txt");
        }
    }

    private static java.util.List<String> paths(java.util.Iterator<FileState> rows) {
        java.util.List<String> paths = new java.util.ArrayList<>();
        rows.forEachRemaining(row -> paths.add(row.path()));
        return paths;
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

    @Test
    void refreshesTheMetadataOfUnchangedContentOnlyAndKeepsTheOrigin() {
        try (ConfigurableApplicationContext context = TestStates.open(dir.resolve("state.db"))) {
            StateStore store = context.getBean(StateStore.class);
            String a = "a".repeat(64);
            String b = "b".repeat(64);
            store.put("docs", new LocalFile("touched.txt", a, 1, 10), "alpha");
            store.put("docs", new LocalFile("edited.txt", a, 1, 10), "server");
            store.put("docs", new LocalFile("same.txt", a, 1, 10, "(dev=1,ino=2)"), "server");
            String digest = store.totals("docs").digest();

            store.refresh("docs", java.util.List.of(new LocalFile("touched.txt", a, 5, 10, "(dev=1,ino=7)"),
                    new LocalFile("edited.txt", b, 5, 12, "(dev=1,ino=8)")));

            FileState touched = store.get("docs", "touched.txt").orElseThrow();
            assertThat(touched.mtime()).isEqualTo(5);
            assertThat(touched.fileKey()).isEqualTo("(dev=1,ino=7)");
            assertThat(touched.origin()).isEqualTo("alpha");
            assertThat(store.get("docs", "edited.txt").orElseThrow().sha256()).as("a change is not a refresh").isEqualTo(a);
            assertThat(store.get("docs", "edited.txt").orElseThrow().mtime()).isEqualTo(1);
            assertThat(store.totals("docs").digest()).isEqualTo(digest);
        }
    }

    @Test
    void keepsTheChunkListOfAVersionMovesItWithAMoveAndDropsItWithADelete() {
        try (ConfigurableApplicationContext context = TestStates.open(dir.resolve("state.db"))) {
            StateStore store = context.getBean(StateStore.class);
            String a = "a".repeat(64);
            io.foldersync.delta.ChunkList chunks = new io.foldersync.delta.ChunkList.Builder().add(1, 2, 100).add(3, 4, 50)
                    .build();
            store.put("docs", new LocalFile("big.txt", a, 1, 150), "server");
            store.chunks("docs", "big.txt", a, chunks);

            assertThat(store.chunks("docs", "big.txt", a)).contains(chunks);
            assertThat(store.chunks("docs", "big.txt", "c".repeat(64))).as("only for the version it describes").isEmpty();

            store.move("docs", "big.txt", new LocalFile("moved.txt", a, 1, 150), "server");
            assertThat(store.chunks("docs", "big.txt", a)).isEmpty();
            assertThat(store.chunks("docs", "moved.txt", a)).contains(chunks);

            store.remove("docs", "moved.txt");
            assertThat(store.chunks("docs", "moved.txt", a)).isEmpty();
        }
    }
}
