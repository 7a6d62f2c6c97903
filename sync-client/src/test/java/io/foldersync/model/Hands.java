package io.foldersync.model;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a user's hands do to the files, made exact for the oracle: a save takes whatever is at the
 * path out of the way with one atomic rename (into a scratch directory outside every synchronised
 * folder, on the same file system) and then links the new file in only where the path is free. So
 * the model knows exactly which version each save replaced and each delete removed, even when the
 * sync writes the same path at the same instant; a version written by the sync in the instant
 * between the two system calls is taken out too, and counted as replaced by the user (it is what
 * an editor saving over a file that just changed does). Readers see the path missing only between
 * two system calls, as with an editor that renames the old file to a backup before writing.
 */
final class Hands {

    /** How often a save tries again when the sync puts a file at the path between take-out and link. */
    static final int ATTEMPTS = 50;

    private final Path scratch;

    private final AtomicLong names = new AtomicLong();

    Hands(Path scratch) throws IOException {
        this.scratch = Files.createDirectories(scratch);
    }

    /**
     * Saves {@code content} at {@code file}, replacing whatever is there.
     *
     * @return the contents taken out of the way, as {@link World#key}s (usually one; none when the path was free)
     */
    List<String> save(Path file, byte[] content) throws IOException {
        Path fresh = written(content);
        List<String> taken = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String old = takeOut(file);
            if (old != null) {
                taken.add(old);
            }
            if (linkIn(fresh, file)) {
                return taken;
            }
        }
        throw new IllegalStateException("could not save " + file + ": the sync kept putting a file there");
    }

    /** Creates {@code file} only if nothing is there: false (and nothing changed) when something is. */
    boolean create(Path file, byte[] content) throws IOException {
        Path fresh = written(content);
        if (linkIn(fresh, file)) {
            return true;
        }
        Files.delete(fresh);
        return false;
    }

    /** Deletes {@code file}: the content it had (a {@link World#key}), or null when there was none. */
    String delete(Path file) throws IOException {
        return takeOut(file);
    }

    /** Renames a file or a directory, in one system call; false when the source is gone. */
    boolean move(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        if (Files.exists(to)) {
            throw new IllegalStateException(to + " exists: a move must not replace anything");
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        catch (NoSuchFileException e) {
            return false;
        }
    }

    private Path written(byte[] content) throws IOException {
        Path fresh = scratch.resolve("new-" + names.incrementAndGet());
        Files.write(fresh, content);
        return fresh;
    }

    /** Takes the file out of the way with one rename and reads what was taken (as a {@link World#key}); null when nothing was there. */
    private String takeOut(Path file) throws IOException {
        Path taken = scratch.resolve("taken-" + names.incrementAndGet());
        try {
            Files.move(file, taken, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (NoSuchFileException e) {
            return null;
        }
        String content = World.key(Files.readAllBytes(taken));
        Files.delete(taken);
        return content;
    }

    /** Links {@code fresh} in at {@code file} only where the path is free (link(2) never replaces). */
    private static boolean linkIn(Path fresh, Path file) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Files.createDirectories(file.getParent());
                Files.createLink(file, fresh);
                Files.delete(fresh);
                return true;
            }
            catch (FileAlreadyExistsException e) {
                return false;
            }
            catch (NoSuchFileException e) {
                // the sync removed the emptied directory between our mkdir and link: make it again
            }
        }
        throw new IllegalStateException("could not create the directory of " + file);
    }
}
