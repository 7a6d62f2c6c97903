package io.foldersync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDirectoryTest {

    @TempDir
    Path base;

    @Test
    void removesSpoolFilesLeftByAnInterruptedTransferAndNothingElse() throws IOException {
        Path spool = Files.createDirectories(base.resolve("spool"));
        Files.writeString(spool.resolve("receive-123.spool"), "half a file");
        Files.writeString(spool.resolve("receive-456.spool"), "");
        Files.writeString(spool.resolve("notes.txt"), "not ours");

        assertThat(SpoolDirectory.cleaned(spool)).isEqualTo(spool);

        try (var files = Files.list(spool)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void aMissingSpoolDirectoryIsNoError() {
        assertThat(SpoolDirectory.cleaned(base.resolve("absent"))).doesNotExist();
    }
}
