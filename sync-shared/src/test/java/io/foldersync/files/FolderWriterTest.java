package io.foldersync.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.protocol.Content;

/** Every write to a synchronised folder: staged in the hidden work dir, renamed into place, never through a link. */
class FolderWriterTest {

    private static final long MTIME = 1_700_000_000_000L;

    @TempDir
    Path root;

    private Path folder;

    private Path outside;

    private FolderWriter writer;

    @BeforeEach
    void createFolders() throws IOException {
        folder = Files.createDirectories(root.resolve("folder"));
        outside = Files.createDirectories(root.resolve("outside"));
        writer = new FolderWriter(folder);
    }

    // ---- stage and commit

    @Test
    void stageAndCommitWriteContentAndMtimeAndCreateParentDirectories() throws IOException {
        FolderWriter.Staged staged = writer.stage(text("hello"));

        Path written = writer.commit(staged, "a/b/c.txt", MTIME);

        assertThat(written).isEqualTo(folder.resolve("a/b/c.txt"));
        assertThat(Files.readString(written)).isEqualTo("hello");
        assertThat(Files.getLastModifiedTime(written).toMillis()).isEqualTo(MTIME);
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void stageInspectsTheContentOnce() throws IOException {
        FolderWriter.Staged staged = writer.stage(text("hello"));

        assertThat(staged.temp()).startsWithRaw(writer.workDir().resolve("tmp")).exists();
        assertThat(staged.inspection()).isEqualTo(new TextFiles.Inspection(
                "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", 5, true));
    }

    @Test
    void stageReportsBinaryContentSoTheCallerCanRefuseIt() throws IOException {
        FolderWriter.Staged staged = writer.stage(Content.of(new byte[] { 'a', 0, 'b' }));

        assertThat(staged.inspection().text()).isFalse();
        writer.discard(staged);
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void stageStreamsContentThatIsOnDisk() throws IOException {
        Path source = Files.writeString(outside.resolve("spooled"), "from a spool file");

        FolderWriter.Staged staged = writer.stage(Content.ofFile(source, Files.size(source), false));
        writer.commit(staged, "s.txt", MTIME);

        assertThat(Files.readString(folder.resolve("s.txt"))).isEqualTo("from a spool file");
        assertThat(source).exists();
    }

    @Test
    void stagesEmptyContentAsAnEmptyFile() throws IOException {
        writer.commit(writer.stage(Content.EMPTY), "empty.txt", MTIME);

        assertThat(folder.resolve("empty.txt")).isEmptyFile();
    }

    @Test
    void commitReplacesAnExistingFile() throws IOException {
        Files.writeString(folder.resolve("a.txt"), "old");

        writer.commit(writer.stage(text("new")), "a.txt", MTIME);

        assertThat(Files.readString(folder.resolve("a.txt"))).isEqualTo("new");
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void commitReplacesASymbolicLinkInsteadOfWritingThroughIt() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(folder.resolve("a.txt"), secret);

        writer.commit(writer.stage(text("new")), "a.txt", MTIME);

        assertThat(Files.isSymbolicLink(folder.resolve("a.txt"))).isFalse();
        assertThat(Files.readString(folder.resolve("a.txt"))).isEqualTo("new");
        assertThat(Files.readString(secret)).isEqualTo("secret");
    }

    @Test
    void discardRemovesTheTemporaryFile() throws IOException {
        FolderWriter.Staged staged = writer.stage(text("x"));

        writer.discard(staged);
        writer.discard(staged); // twice is harmless

        assertThat(tmpFiles()).isEmpty();
    }

    // ---- delete

    @Test
    void deleteRemovesTheFileAndTheDirectoriesLeftEmpty() throws IOException {
        write("a/b/c.txt", "c");

        assertThat(writer.delete("a/b/c.txt")).isTrue();

        assertThat(folder.resolve("a")).doesNotExist();
        assertThat(folder).isDirectory();
    }

    @Test
    void deleteKeepsDirectoriesThatStillHoldSomething() throws IOException {
        write("a/b/c.txt", "c");
        write("a/keep.txt", "k");

        writer.delete("a/b/c.txt");

        assertThat(folder.resolve("a/b")).doesNotExist();
        assertThat(folder.resolve("a/keep.txt")).exists();
    }

    @Test
    void deleteKeepsADirectoryThatHoldsOnlyHiddenFiles() throws IOException {
        write("a/c.txt", "c");
        write("a/.editor-backup", "b");

        writer.delete("a/c.txt");

        assertThat(folder.resolve("a/.editor-backup")).exists();
    }

    @Test
    void deletingTheLastTopLevelFileKeepsTheFolderItself() throws IOException {
        write("only.txt", "o");

        assertThat(writer.delete("only.txt")).isTrue();

        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void deleteOfAMissingFileReturnsFalse() throws IOException {
        assertThat(writer.delete("missing/x.txt")).isFalse();
        assertThat(folder).isDirectory();
    }

    // ---- move

    @Test
    void moveKeepsContentAndMtimeAndRemovesEmptySourceDirectories() throws IOException {
        write("a/b/x.txt", "moved");
        Files.setLastModifiedTime(folder.resolve("a/b/x.txt"), FileTime.fromMillis(MTIME));

        assertThat(writer.move("a/b/x.txt", "c/d/y.txt")).isTrue();

        assertThat(folder.resolve("a")).doesNotExist();
        Path moved = folder.resolve("c/d/y.txt");
        assertThat(Files.readString(moved)).isEqualTo("moved");
        assertThat(Files.getLastModifiedTime(moved).toMillis()).isEqualTo(MTIME);
    }

    @Test
    void moveWithinADirectoryKeepsTheDirectory() throws IOException {
        write("a/x.txt", "x");

        writer.move("a/x.txt", "a/y.txt");

        assertThat(folder.resolve("a/y.txt")).hasContent("x");
        assertThat(folder.resolve("a/x.txt")).doesNotExist();
    }

    @Test
    void moveOfAMissingSourceReturnsFalseAndCreatesNothing() throws IOException {
        assertThat(writer.move("missing.txt", "new/dir/x.txt")).isFalse();

        assertThat(folder.resolve("new")).doesNotExist();
    }

    @Test
    void moveDoesNotMoveASymbolicLink() throws IOException {
        Files.createSymbolicLink(folder.resolve("link.txt"), Files.writeString(outside.resolve("t.txt"), "t"));

        assertThat(writer.move("link.txt", "moved.txt")).isFalse();

        assertThat(folder.resolve("moved.txt")).doesNotExist();
    }

    // ---- refused paths

    @Test
    void refusesPathThatEscapesTheFolder() throws IOException {
        FolderWriter.Staged staged = writer.stage(text("x"));
        write("a.txt", "a");

        assertThatIllegalArgumentException().isThrownBy(() -> writer.commit(staged, "../outside/x.txt", MTIME));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.delete("../outside/x.txt"));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.move("a.txt", "../outside/x.txt"));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.move("../outside/x.txt", "b.txt"));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.target("/etc/passwd"));

        assertThat(outside).isEmptyDirectory();
        assertThat(folder.resolve("a.txt")).exists();
    }

    @Test
    void refusesToWriteIntoItsOwnHiddenWorkDirectory() throws IOException {
        FolderWriter.Staged staged = writer.stage(text("x"));

        assertThatIllegalArgumentException().isThrownBy(() -> writer.commit(staged, ".foldersync/tmp/evil", MTIME));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.delete(".foldersync/tmp/x"));
    }

    @Test
    void refusesToWriteThroughASymbolicallyLinkedDirectory() throws IOException {
        Files.createSymbolicLink(folder.resolve("link"), outside);
        FolderWriter.Staged staged = writer.stage(text("x"));

        assertThatIOException().isThrownBy(() -> writer.commit(staged, "link/a.txt", MTIME))
                .withMessageContaining("symbolic link");

        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void refusesToCreateDirectoriesThroughASymbolicallyLinkedDirectory() throws IOException {
        Files.createSymbolicLink(folder.resolve("link"), outside);
        FolderWriter.Staged staged = writer.stage(text("x"));
        write("a.txt", "a");

        assertThatIOException().isThrownBy(() -> writer.commit(staged, "link/new/sub/a.txt", MTIME));
        assertThatIOException().isThrownBy(() -> writer.move("a.txt", "link/other/a.txt"));

        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void refusesToDeleteThroughASymbolicallyLinkedDirectory() throws IOException {
        Files.createSymbolicLink(folder.resolve("link"), outside);
        Path victim = Files.writeString(outside.resolve("a.txt"), "keep me");

        assertThatIOException().isThrownBy(() -> writer.delete("link/a.txt"));

        assertThat(victim).hasContent("keep me");
    }

    @Test
    void refusesToMoveThroughASymbolicallyLinkedDirectory() throws IOException {
        Files.createSymbolicLink(folder.resolve("link"), outside);
        Files.createDirectories(outside.resolve("sub"));
        Path victim = Files.writeString(outside.resolve("sub/a.txt"), "keep me");
        write("dir/x.txt", "x");

        assertThatIOException().isThrownBy(() -> writer.move("link/sub/a.txt", "b.txt"));
        assertThatIOException().isThrownBy(() -> writer.move("dir/x.txt", "link/sub/x.txt"));

        assertThat(victim).hasContent("keep me");
        assertThat(outside.resolve("sub/x.txt")).doesNotExist();
        assertThat(folder.resolve("dir/x.txt")).hasContent("x");
        assertThat(folder.resolve("b.txt")).doesNotExist();
    }

    // ---- work directory and copies

    @Test
    void cleanWorkDirRemovesLeftoverTemporaries() throws IOException {
        writer.stage(text("left over by a crash"));
        writer.stage(text("another"));
        assertThat(tmpFiles()).hasSize(2);

        writer.cleanWorkDir();

        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void cleanWorkDirWithoutAWorkDirDoesNothing() throws IOException {
        writer.cleanWorkDir();

        assertThat(writer.workDir()).doesNotExist();
    }

    @Test
    void copyAsideKeepsTheSourceAndItsMtime() throws IOException {
        Path source = write("a.txt", "local edit");
        Files.setLastModifiedTime(source, FileTime.fromMillis(MTIME));
        Path destination = writer.workDir().resolve("conflicts/a.txt");

        assertThat(FolderWriter.copyAside(source, destination)).isEqualTo(destination);

        assertThat(destination).hasContent("local edit");
        assertThat(Files.getLastModifiedTime(destination).toMillis()).isEqualTo(MTIME);
        assertThat(source).hasContent("local edit");
        assertThat(destination.resolveSibling("a.txt.tmp")).doesNotExist();
    }

    // ---- helpers

    private Path write(String path, String content) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private java.util.List<Path> tmpFiles() throws IOException {
        Path tmp = writer.workDir().resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }

    private static Content text(String text) {
        return Content.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
