package io.foldersync.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditsTest {

    @TempDir
    Path dir;

    @Test
    void insertsAWholeLineAtTheLineStartBeforeTheMiddle() {
        String before = "one\ntwo\nthree\nfour\nfive\n";
        String after = new String(Edits.insertLineInMiddle(before.getBytes(StandardCharsets.UTF_8), "NEW"),
                StandardCharsets.UTF_8);
        assertThat(after).isEqualTo("one\ntwo\nNEW\nthree\nfour\nfive\n"); // the middle (byte 12) is in "three"
    }

    @Test
    void aFileWithoutNewlinesGetsTheLineFirst() {
        assertThat(new String(Edits.insertLineInMiddle("abcdef".getBytes(StandardCharsets.UTF_8), "X"),
                StandardCharsets.UTF_8)).isEqualTo("X\nabcdef");
    }

    @Test
    void atomicSaveReplacesTheFileAndLeavesNothingInTheFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path file = folder.resolve("a.txt");
        Files.writeString(file, "old\n");
        Manifest.Entry entry = Edits.saveAtomically(file, "new\n".getBytes(StandardCharsets.UTF_8), dir.resolve("scratch"));
        assertThat(Files.readString(file)).isEqualTo("new\n");
        assertThat(entry).isEqualTo(new Manifest.Entry(4, Hashing.sha256("new\n".getBytes(StandardCharsets.UTF_8))));
        try (var listing = Files.list(folder)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void inPlaceSaveKeepsTheInode() throws IOException {
        Path file = dir.resolve("b.txt");
        Files.writeString(file, "old\n");
        Object inode = Files.getAttribute(file, "unix:ino");
        Edits.saveInPlace(file, "newer\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
        assertThat(Files.readString(file)).isEqualTo("newer\n");
    }
}
