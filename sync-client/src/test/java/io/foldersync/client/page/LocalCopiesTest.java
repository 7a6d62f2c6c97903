package io.foldersync.client.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names {@code KeptCopies} gives conflict copies, read back to the file each is a copy of. */
class LocalCopiesTest {

    @TempDir
    Path folder;

    @Test
    void readsTheOriginalAndTheTimeFromTheCopysName() {
        assertThat(LocalCopies.parse("notes.sync-conflict-20261125-120000.txt", 3)).hasValueSatisfying(copy -> {
            assertThat(copy.original()).isEqualTo("notes.txt");
            assertThat(copy.keptAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        });
        assertThat(LocalCopies.parse("a/b/README.sync-conflict-20261125-120000", 3).orElseThrow().original())
                .isEqualTo("a/b/README");
        assertThat(LocalCopies.parse("notes.sync-conflict-20261125-120000-2.txt", 3).orElseThrow().original())
                .isEqualTo("notes.txt");
        assertThat(LocalCopies.parse("archive.tar.sync-conflict-20261125-120000.gz", 3).orElseThrow().original())
                .isEqualTo("archive.tar.gz");
    }

    @Test
    void otherNamesAreNotCopies() {
        assertThat(LocalCopies.parse("notes.txt", 1)).isEmpty();
        assertThat(LocalCopies.parse("notes.sync-conflict-2026.txt", 1)).isEmpty();
        assertThat(LocalCopies.parse("notes.sync-conflict-20261399-120000.txt", 1)).isEmpty();
    }

    @Test
    void findsTheCopiesInTheFolderNewestFirstAndSkipsHiddenDirectories() throws Exception {
        Files.createDirectories(folder.resolve("sub"));
        Files.createDirectories(folder.resolve(".foldersync"));
        Files.writeString(folder.resolve("a.sync-conflict-20260101-000000.txt"), "old");
        Files.writeString(folder.resolve("sub/b.sync-conflict-20260301-000000.txt"), "new");
        Files.writeString(folder.resolve(".foldersync/c.sync-conflict-20260401-000000.txt"), "hidden");
        Files.writeString(folder.resolve("plain.txt"), "not a copy");
        assertThat(LocalCopies.in(folder)).extracting(LocalCopies.Copy::path)
                .containsExactly("sub/b.sync-conflict-20260301-000000.txt", "a.sync-conflict-20260101-000000.txt");
    }
}
