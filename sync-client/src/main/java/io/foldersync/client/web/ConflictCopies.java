package io.foldersync.client.web;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.BiConsumer;

/**
 * Counts the local conflict copies ({@code name.sync-conflict-<stamp>.ext}) the client kept beside
 * the files it had to overwrite: the client's {@code conflicts} figure. Hidden directories (the
 * engine's working files) are skipped, as sync skips them.
 */
public final class ConflictCopies {

    static final String MARKER = ".sync-conflict-";

    private ConflictCopies() {
    }

    static long count(Path root) {
        long[] count = new long[1];
        walk(root, (file, attrs) -> count[0]++);
        return count[0];
    }

    /**
     * Calls {@code onCopy} for every local conflict copy below {@code root}, skipping hidden
     * directories; a file that vanishes or cannot be read while we look, or a folder that is gone,
     * is simply not reported.
     */
    public static void walk(Path root, BiConsumer<Path, BasicFileAttributes> onCopy) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && !name.startsWith(".") && name.contains(MARKER)) {
                        onCopy.accept(file, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // vanished or unreadable while we looked
                }
            });
        }
        catch (IOException e) {
            // the folder itself went away while we looked: what was seen so far stands
        }
    }
}
