package io.foldersync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cheap absence check and removal of empty directories, and what {@link NioDisk} answers with
 * them, on the real file system: only a path with nothing at it is ABSENT; a dangling link, a
 * directory, a path through a file keep the answers (and errors) they had; a directory holding
 * something stays.
 */
class DirectCallsTest {

    @TempDir
    Path dir;

    private final NioDisk disk = NioDisk.INSTANCE;

    @Test
    void nothingThereIsAbsent() throws IOException {
        assumeLinux();
        assertThat(DirectCalls.presence(dir.resolve("missing.txt"))).isEqualTo(DirectCalls.Answer.ABSENT);
        assertThat(DirectCalls.presence(dir.resolve("no-such-dir/missing.txt"))).isEqualTo(DirectCalls.Answer.ABSENT);
        assertThat(disk.kind(dir.resolve("missing.txt"))).isEqualTo(Disk.Kind.ABSENT);
        assertThat(disk.kind(dir.resolve("no-such-dir/missing.txt"))).isEqualTo(Disk.Kind.ABSENT);
        assertThat(disk.identity(dir.resolve("missing.txt"))).isNull();
    }

    @Test
    void filesDirectoriesAndLinksArePresent() throws IOException {
        assumeLinux();
        Path file = Files.writeString(dir.resolve("a file with spaces é.txt"), "text\n");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        Path toFile = Files.createSymbolicLink(dir.resolve("to-file"), file);

        for (Path p : new Path[] { file, sub, dangling, toFile }) {
            assertThat(DirectCalls.presence(p)).as(p.toString()).isEqualTo(DirectCalls.Answer.PRESENT_OR_UNKNOWN);
        }
        assertThat(disk.kind(file)).isEqualTo(Disk.Kind.FILE);
        assertThat(disk.kind(sub)).isEqualTo(Disk.Kind.DIRECTORY);
        assertThat(disk.kind(dangling)).isEqualTo(Disk.Kind.OTHER); // not taken for a free path
        assertThat(disk.kind(toFile)).isEqualTo(Disk.Kind.OTHER);
        assertThat(disk.identity(file)).isNotNull();
    }

    @Test
    void aPathThroughAFileKeepsItsError() throws IOException {
        assumeLinux();
        Path file = Files.writeString(dir.resolve("plain.txt"), "text\n");
        Path through = file.resolve("inside.txt");

        assertThat(DirectCalls.presence(through)).isEqualTo(DirectCalls.Answer.PRESENT_OR_UNKNOWN); // ENOTDIR: Java answers
        assertThatThrownBy(() -> disk.kind(through)).isInstanceOf(FileSystemException.class);
    }

    @Test
    void aNewFileTakesNoAttributesFromNothing() throws IOException {
        Path staged = Files.writeString(dir.resolve("staged.tmp"), "new\n");
        String before = Files.getPosixFilePermissions(staged).toString();

        disk.adoptAttributes(dir.resolve("not-there.txt"), staged);

        assertThat(Files.getPosixFilePermissions(staged)).hasToString(before);
    }

    @Test
    void onlyAnEmptyDirectoryIsRemoved() throws IOException {
        assumeLinux();
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("kept.txt"), "kept\n");

        assertThat(DirectCalls.removeIfEmpty(full)).isEqualTo(DirectCalls.Removal.NOT_EMPTY_OR_GONE);
        assertThat(DirectCalls.removeIfEmpty(dir.resolve("missing"))).isEqualTo(DirectCalls.Removal.NOT_EMPTY_OR_GONE);
        assertThat(DirectCalls.removeIfEmpty(empty)).isEqualTo(DirectCalls.Removal.REMOVED);
        assertThat(empty).doesNotExist();
        assertThat(full.resolve("kept.txt")).hasContent("kept");

        Path again = Files.createDirectory(dir.resolve("again"));
        Files.writeString(again.resolve("x.txt"), "x\n");
        assertThat(disk.removeIfEmpty(again)).isFalse();
        assertThat(again.resolve("x.txt")).exists();
        Files.delete(again.resolve("x.txt"));
        assertThat(disk.removeIfEmpty(again)).isTrue();
        assertThat(again).doesNotExist();
        assertThat(disk.removeIfEmpty(again)).isFalse();
    }

    private static void assumeLinux() {
        assumeTrue(System.getProperty("os.name", "").equals("Linux"), "faccessat through JNA: Linux only");
    }
}
