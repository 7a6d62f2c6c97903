package io.foldersync.client.web;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Counts the local conflict copies ({@code name.sync-conflict-<stamp>.ext}) the client kept beside
 * the files it had to overwrite: the client's {@code conflicts} figure. Hidden directories (the
 * engine's working files) are skipped, as sync skips them.
 */
final class ConflictCopies {

    static final String MARKER = ".sync-conflict-";

    private ConflictCopies() {
    }

    static long count(Path root) {
        long[] count = new long[1];
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
                        count[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // vanished or unreadable while we looked: not counted
                }
            });
        }
        catch (IOException e) {
            return count[0]; // the folder itself is gone: what was counted so far (0)
        }
        return count[0];
    }
}
