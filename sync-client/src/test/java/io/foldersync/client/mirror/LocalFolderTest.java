package io.foldersync.client.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/** A local folder deleted whole is made again; one whose parent went too (an unmounted disk) is not. */
class LocalFolderTest {

    @TempDir
    Path base;

    @Test
    void aFolderThatIsThereIsLeftAlone() throws IOException {
        Path root = Files.createDirectories(base.resolve("mirror"));
        LocalFolder folder = new LocalFolder(root);

        assertThat(folder.check()).isEqualTo(LocalFolder.State.PRESENT);
        assertThat(folder.problem()).isNull();
    }

    @Test
    void aFolderDeletedWholeIsMadeAgain() throws IOException {
        Path root = Files.createDirectories(base.resolve("mirror"));
        Files.writeString(root.resolve("a.txt"), "a");
        LocalFolder folder = new LocalFolder(root);
        FileSystemUtils.deleteRecursively(root);

        assertThat(folder.problem()).contains("is gone");
        assertThat(folder.check()).isEqualTo(LocalFolder.State.RENEWED);
        assertThat(root).isEmptyDirectory();
        assertThat(folder.problem()).isNull();
        assertThat(folder.check()).isEqualTo(LocalFolder.State.PRESENT);
    }

    @Test
    void aFolderWhoseParentWentTooIsNotMadeElsewhereUntilTheParentIsBack() throws IOException {
        Path disk = Files.createDirectories(base.resolve("disk"));
        Path root = Files.createDirectories(disk.resolve("mirror"));
        LocalFolder folder = new LocalFolder(root);
        FileSystemUtils.deleteRecursively(disk);

        assertThat(folder.check()).isEqualTo(LocalFolder.State.GONE);
        assertThat(disk).doesNotExist();
        assertThat(folder.problem()).contains("and so is " + disk);

        Files.createDirectories(disk); // mounted again
        assertThat(folder.check()).isEqualTo(LocalFolder.State.RENEWED);
        assertThat(root).isDirectory();
        assertThat(folder.problem()).isNull();
    }

    @Test
    void aFileInTheFoldersPlaceIsNotTakenForIt() throws IOException {
        Path root = base.resolve("mirror");
        Files.writeString(root, "a file where the folder was");
        LocalFolder folder = new LocalFolder(root);

        assertThat(folder.check()).isEqualTo(LocalFolder.State.GONE);
        assertThat(root).hasContent("a file where the folder was");
        assertThat(folder.problem()).contains("not a directory");
    }
}
