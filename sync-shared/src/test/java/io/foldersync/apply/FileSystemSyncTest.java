package io.foldersync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemSyncTest {

    @TempDir
    Path dir;

    @Test
    void isUsedOnlyWhereTheKernelReportsWriteBackErrors() {
        assertThat(FileSystemSync.kernelReportsErrors("6.18.44-fc-v1045")).isTrue();
        assertThat(FileSystemSync.kernelReportsErrors("5.8.0")).isTrue();
        assertThat(FileSystemSync.kernelReportsErrors("5.10")).isTrue();
        assertThat(FileSystemSync.kernelReportsErrors("5.7.19")).isFalse();
        assertThat(FileSystemSync.kernelReportsErrors("4.19.0-18-amd64")).isFalse();
        assertThat(FileSystemSync.kernelReportsErrors("")).isFalse();
        assertThat(FileSystemSync.kernelReportsErrors("unknown")).isFalse();
    }

    @Test
    void flushesTheFileSystemOfAFolderOnLinux() throws IOException {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "syncfs is Linux's");
        Path named = Files.createDirectory(dir.resolve("dossier é"));
        Files.writeString(named.resolve("a.txt"), "flushed\n");

        assertThat(NioDisk.INSTANCE.syncFileSystem(named)).as("JNA and libc load here").isTrue();
    }

    @Test
    void aPathThatIsNotThereIsAnErrorNamingIt() {
        assumeTrue(FileSystemSync.available());
        Path missing = dir.resolve("gone");

        assertThatThrownBy(() -> NioDisk.INSTANCE.syncFileSystem(missing))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
    }
}
