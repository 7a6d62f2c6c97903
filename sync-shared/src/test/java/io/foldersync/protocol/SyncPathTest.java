package io.foldersync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Paths from a peer, checked before anything touches the disk (Syncthing's checkFilename, as a table). */
class SyncPathTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {
            "a.txt",                  // a file at the top
            "a/b.txt",                // a file in a directory
            "ü/ñ.txt",                // non-ASCII names
            "a b/c d.txt",            // spaces
            "a/b/c/d/e/f.txt",        // deep
            "a..b",                   // dots inside a name are fine
            "a./b.",                  // trailing dots are fine
            "x",                      // one character
    })
    void acceptsRelativeVisiblePaths(String path) {
        assertThat(SyncPath.problem(path)).isNull();
        assertThat(SyncPath.resolve(folder, path)).startsWithRaw(folder.toAbsolutePath().normalize())
                .isNotEqualTo(folder.toAbsolutePath().normalize());
    }

    @Test
    void acceptsAPathOfExactlyTheMaximumLength() {
        assertThat(SyncPath.problem("a".repeat(SyncPath.MAX_LENGTH))).isNull();
    }

    static Arguments[] refusedPaths() {
        return new Arguments[] {
                refused("/abs", "absolute"),
                refused("/", "absolute"),
                refused("../x", "escapes"),
                refused("..", "escapes"),
                refused("a/../b", "escapes"),
                refused("a/..", "escapes"),
                refused(".", "hidden"),
                refused("./a", "hidden"),
                refused("a/./b", "hidden"),
                refused("a//b", "empty segment"),
                refused("a/", "empty segment"),
                refused(".hidden", "hidden"),
                refused("a/.git/x", "hidden"),
                refused(".foldersync/tmp/x", "hidden"),
                refused("a\\b", "backslash"),
                refused("..\\x", "backslash"),
                refused("a\u0000b", "NUL"),
                refused("a".repeat(SyncPath.MAX_LENGTH + 1), "longer than"),
                // what a name whose bytes are not UTF-8 reads as: sending it would name another file
                refused("caf\uFFFD.txt", "not valid UTF-8"),
                refused("dir\uFFFD/a.txt", "not valid UTF-8"),
        };
    }

    private static Arguments refused(String path, String because) {
        return Arguments.of(path, because);
    }

    @ParameterizedTest
    @MethodSource("refusedPaths")
    void refusesPathsThatAreNotPlainRelativeVisiblePaths(String path, String because) {
        assertThat(SyncPath.problem(path)).contains(because);
        assertThatIllegalArgumentException().isThrownBy(() -> SyncPath.resolve(folder, path));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesNullAndEmptyPaths(String path) {
        assertThat(SyncPath.problem(path)).isEqualTo("path is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> SyncPath.resolve(folder, path));
    }

    @Test
    void resolvesInsideTheFolder() {
        Path resolved = SyncPath.resolve(folder, "a/b.txt");

        assertThat(resolved).isEqualTo(folder.toAbsolutePath().normalize().resolve("a").resolve("b.txt"));
    }

    @Test
    void resolvesAgainstARelativeOrUnnormalisedFolderName() {
        Path unnormalised = folder.resolve("sub").resolve("..");

        assertThat(SyncPath.resolve(unnormalised, "a.txt")).isEqualTo(folder.toAbsolutePath().normalize().resolve("a.txt"));
    }

    @Test
    void refusesPathThatEscapesTheFolder() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SyncPath.resolve(folder, "../outside.txt"))
                .withMessageContaining("../outside.txt");
    }

    @Test
    void ofGivesSlashSeparatedRelativePaths() {
        assertThat(SyncPath.of(folder, folder.resolve("a").resolve("b").resolve("c.txt"))).isEqualTo("a/b/c.txt");
        assertThat(SyncPath.of(folder, folder.resolve("top.txt"))).isEqualTo("top.txt");
        assertThat(SyncPath.of(folder, folder.resolve("ü").resolve("ñ.txt"))).isEqualTo("ü/ñ.txt");
    }

    @Test
    void ofAndResolveAreInverse() {
        String path = "dir/sub/file.txt";

        assertThat(SyncPath.of(folder, SyncPath.resolve(folder, path))).isEqualTo(path);
    }
}
