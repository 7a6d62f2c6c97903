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
 * The cheap absence check and what {@link NioDisk} answers with it, on the real file system: only a
 * path with nothing at it is ABSENT; a dangling link, a directory, a path through a file keep the
 * answers (and errors) they had.
 */
class PresenceTest {

    @TempDir
    Path dir;

    private final NioDisk disk = NioDisk.INSTANCE;

    @Test
    void nothingThereIsAbsent() throws IOException {
        assumeLinux();
        assertThat(Presence.of(dir.resolve("missing.txt"))).isEqualTo(Presence.Answer.ABSENT);
        assertThat(Presence.of(dir.resolve("no-such-dir/missing.txt"))).isEqualTo(Presence.Answer.ABSENT);
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
            assertThat(Presence.of(p)).as(p.toString()).isEqualTo(Presence.Answer.PRESENT_OR_UNKNOWN);
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

        assertThat(Presence.of(through)).isEqualTo(Presence.Answer.PRESENT_OR_UNKNOWN); // ENOTDIR: Java answers
        assertThatThrownBy(() -> disk.kind(through)).isInstanceOf(FileSystemException.class);
    }

    @Test
    void aNewFileTakesNoAttributesFromNothing() throws IOException {
        Path staged = Files.writeString(dir.resolve("staged.tmp"), "new\n");
        String before = Files.getPosixFilePermissions(staged).toString();

        disk.adoptAttributes(dir.resolve("not-there.txt"), staged);

        assertThat(Files.getPosixFilePermissions(staged)).hasToString(before);
    }

    private static void assumeLinux() {
        assumeTrue(System.getProperty("os.name", "").equals("Linux"), "faccessat through JNA: Linux only");
    }
}
