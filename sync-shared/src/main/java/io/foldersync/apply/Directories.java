package io.foldersync.apply;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The directories between the folder and the paths the applier acts on: checked to be real
 * directories (never followed through a symbolic link), created when missing, removed when a
 * delete or move leaves them empty, and named for the flush after a batch.
 */
final class Directories {

    private final Path folder;

    private final Disk disk;

    /**
     * Directories seen to be real directories during the current batch: a first sync puts a hundred
     * files in each directory, and looking at the same three parents before each step was most of
     * the applier's system calls. Cleared at each batch ({@link #forget}) and by every removal.
     */
    private final Set<Path> seen = new java.util.HashSet<>();

    Directories(Path folder, Disk disk) {
        this.folder = folder;
        this.disk = disk;
    }

    /** Starts a batch: nothing is taken as known from the one before. */
    void forget() {
        seen.clear();
    }

    private Disk.Kind kind(Path directory) throws IOException {
        if (seen.contains(directory)) {
            return Disk.Kind.DIRECTORY;
        }
        Disk.Kind kind = disk.kind(directory);
        if (kind == Disk.Kind.DIRECTORY) {
            seen.add(directory);
        }
        return kind;
    }

    /** True when every directory between the folder and {@code target} exists and is a real directory. */
    boolean parentsAreDirectories(Path target) throws IOException {
        for (Path p = target.getParent(); p != null && !p.equals(folder); p = p.getParent()) {
            Disk.Kind kind = kind(p);
            if (kind == Disk.Kind.ABSENT) {
                return false;
            }
            if (kind != Disk.Kind.DIRECTORY) {
                throw new IOException("refusing to go through " + folder.relativize(p) + ": not a directory (a symbolic link?)");
            }
        }
        return true;
    }

    /** Creates the missing directories above {@code target}, refusing to go through a link. */
    void ensureParents(Path target) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path p = target.getParent(); p != null && !p.equals(folder); p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path p : chain) {
            Disk.Kind kind = kind(p);
            if (kind == Disk.Kind.ABSENT) {
                disk.createDirectory(p);
                seen.add(p);
            }
            else if (kind != Disk.Kind.DIRECTORY) {
                throw new IOException("refusing to write through " + folder.relativize(p) + ": not a directory (a symbolic link?)");
            }
        }
    }

    /** Removes {@code directory} and the ones above it that it leaves empty, up to the folder. */
    void removeEmptyParents(Path directory) throws IOException {
        for (Path p = directory; p != null && !p.equals(folder) && p.startsWith(folder); p = p.getParent()) {
            seen.remove(p);
            if (!disk.removeIfEmpty(p)) {
                return;
            }
        }
    }

    /** The directories to flush: those touched, or their nearest existing ancestor when removed. */
    List<Path> toFlush(Set<Path> touched) throws IOException {
        Set<Path> result = new LinkedHashSet<>();
        for (Path dir : touched) {
            Path p = dir;
            while (p != null && p.startsWith(folder) && disk.kind(p) != Disk.Kind.DIRECTORY) {
                p = p.getParent();
            }
            if (p != null) {
                result.add(p);
            }
        }
        return new ArrayList<>(result);
    }

    /** Creates {@code directory} and whatever is missing above it (the work directory). */
    static void ensure(Disk disk, Path directory) throws IOException {
        if (disk.kind(directory) == Disk.Kind.DIRECTORY) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            ensure(disk, parent);
        }
        disk.createDirectory(directory);
    }
}
