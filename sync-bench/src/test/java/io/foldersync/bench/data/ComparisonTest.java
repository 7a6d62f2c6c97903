package io.foldersync.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

    @TempDir
    Path tree;

    private Manifest expected;

    @BeforeEach
    void twoFiles() throws IOException {
        write("a.txt", "alpha\n");
        write("sub/b.txt", "beta\n");
        expected = new Manifest(Map.of("a.txt", entry("alpha\n"), "sub/b.txt", entry("beta\n")));
    }

    @Test
    void anEqualTreeIsEqualAndSaysWhenItsLastFileChanged() throws IOException {
        Instant before = Instant.now().minusSeconds(5);
        Comparison result = Comparison.byContent(expected, tree);
        assertThat(result.equal()).isTrue();
        assertThat(result.describe()).isEqualTo("all 2 files equal");
        assertThat(result.lastChange()).isAfter(before).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void theProductsHiddenWorkingFilesAreNotPartOfTheTree() throws IOException {
        write(".foldersync/tmp/incoming-1.tmp", "half");
        write("sub/.hidden", "x");
        assertThat(Comparison.byContent(expected, tree).equal()).isTrue();
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Files.delete(tree.resolve("sub/b.txt"));
        Comparison result = Comparison.bySize(expected, tree);
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.describe()).isEqualTo("1 of 2 missing, 0 differing, 0 extra (e.g. sub/b.txt missing)");
    }

    @Test
    void sameSizeOtherContentPassesTheCheapLookButNotTheContentCheck() throws IOException {
        write("a.txt", "ALPHA\n");
        assertThat(Comparison.bySize(expected, tree).equal()).isTrue();
        Comparison byContent = Comparison.byContent(expected, tree);
        assertThat(byContent.differing()).isEqualTo(1);
        assertThat(byContent.equal()).isFalse();
    }

    @Test
    void anExtraFileSuchAsAConflictCopyIsADifference() throws IOException {
        write("a.sync-conflict-20261201-010000.txt", "alpha\n");
        Comparison result = Comparison.byContent(expected, tree);
        assertThat(result.extra()).isEqualTo(1);
        assertThat(result.equal()).isFalse();
    }

    @Test
    void aTreeThatDoesNotExistMissesEverything() throws IOException {
        assertThat(Comparison.bySize(expected, tree.resolve("nowhere")).missing()).isEqualTo(2);
    }

    private void write(String path, String content) throws IOException {
        Path file = tree.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static Manifest.Entry entry(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new Manifest.Entry(bytes.length, Hashing.sha256(bytes));
    }
}
