package io.foldersync.bench.data;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Walks a synchronised tree the way the product sees it: regular files only (links are not
 * followed), nothing whose path has a segment starting with a dot (the product's own working files
 * live under such a directory). Files that vanish during the walk are skipped: the trees being
 * compared are live.
 */
public final class Trees {

    private Trees() {
    }

    /** Called for each file with its {@code /}-separated path relative to the root. */
    public interface Visitor {
        void file(String relative, Path file, BasicFileAttributes attributes) throws IOException;
    }

    public static void walk(Path root, Visitor visitor) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !hidden(file)) {
                    try {
                        visitor.file(relative(root, file), file, attrs);
                    }
                    catch (NoSuchFileException gone) {
                        // replaced or removed while we looked: the next look sees the new state
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    public static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Deletes a tree (best effort is not enough here: a left-over would falsify the next case). */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
