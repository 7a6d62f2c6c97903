package io.foldersync.server.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a server folder counts as full, with the usable space set by the test (end to end on a real
 * tmpfs: ServerDiskFullTest): which errors count, which folder, what clears it.
 */
class FolderSpaceTest {

    static final IOException FULL = new FileSystemException("/srv/docs/.foldersync/tmp/stage-1", null,
            "No space left on device");

    @TempDir
    Path root;

    long free = 100_000;

    FolderSpace space = new FolderSpace(path -> free);

    @Test
    void anErrorThatIsNotAFullDiskIsNotRecorded() {
        assertThat(space.failed("docs", root, new AccessDeniedException("/srv/docs/a.txt"), 10)).isFalse();
        assertThat(space.problem("docs")).isNull();
    }

    @Test
    void aFullDiskNamesTheFolderAndWhatDidNotFitUntilAnEditIsStored() {
        assertThat(space.failed("docs", root, FULL, 3L << 20)).isTrue();
        assertThat(space.problem("docs")).contains("no space left", "folder docs", "3.0 MiB").doesNotContain(root.toString());
        // more free space, but not enough for what did not fit: still full (a resend would be refused again)
        free = (3L << 20) - 1;
        assertThat(space.problem("docs")).isNotNull();
        assertThat(space.problem("notes")).as("another folder").isNull();
        space.stored("notes");
        assertThat(space.problem("docs")).as("an edit stored in another folder").isNotNull();
        space.stored("docs");
        assertThat(space.problem("docs")).isNull();
    }

    @Test
    void itIsNoLongerFullOnceWhatDidNotFitFitsInSpaceFreedSinceTheRefusal() {
        space.failed("docs", root, FULL, 2L << 20);
        free = (2L << 20) + 100_000;
        assertThat(space.problem("docs")).isNull();
        free = 0;
        assertThat(space.problem("docs")).as("cleared, not only hidden").isNull();
    }

    @Test
    void anUnreadableFreeSpaceClearsOnlyWithAStoredEdit() {
        free = -1;
        space.failed("docs", root, FULL, 1L << 20);
        assertThat(space.problem("docs")).contains("an unknown amount");
        space.stored("docs");
        assertThat(space.problem("docs")).isNull();
    }

    @Test
    void theLargestEditRefusedIsWhatMustFit() {
        space.failed("docs", root, FULL, 5L << 20);
        space.failed("docs", root, FULL, 1L << 20);
        assertThat(space.problem("docs")).contains("5.0 MiB");
        free = (1L << 20) + 200_000;
        assertThat(space.problem("docs")).as("room for the smaller edit only").isNotNull();
    }

    @Test
    void aFullDiskInTheNewActiveFolderReplacesTheOldOne() {
        space.failed("docs", root, FULL, 1L << 20);
        space.failed("notes", root, FULL, 2L << 20);
        assertThat(space.problem("docs")).isNull();
        assertThat(space.problem("notes")).contains("folder notes", "2.0 MiB");
    }
}
