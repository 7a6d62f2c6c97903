package io.foldersync.bench.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The edits the cases make, the way people and tools make them. */
public final class Edits {

    private Edits() {
    }

    /**
     * The content with one line inserted at the line start nearest the middle. The line gets its
     * newline here.
     */
    public static byte[] insertLineInMiddle(byte[] content, String line) {
        int middle = content.length / 2;
        int at = middle;
        while (at > 0 && content[at - 1] != '\n') {
            at--;
        }
        byte[] insert = (line + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[content.length + insert.length];
        System.arraycopy(content, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(content, at, result, at + insert.length, content.length - at);
        return result;
    }

    /**
     * Saves like an editor that writes a temporary file and renames it over the original (vim,
     * IntelliJ, most GUI editors): the file never shows half-written. The temporary file lives in
     * {@code scratch}, outside the synchronised tree and on the same file system.
     */
    public static Manifest.Entry saveAtomically(Path file, byte[] content, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path temp = Files.createTempFile(scratch, "edit-", ".tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Manifest.Entry(content.length, Hashing.sha256(content));
    }

    /** Saves in place (truncate and write), like {@code echo > file} or a {@code git checkout}. */
    public static Manifest.Entry saveInPlace(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return new Manifest.Entry(content.length, Hashing.sha256(content));
    }
}
