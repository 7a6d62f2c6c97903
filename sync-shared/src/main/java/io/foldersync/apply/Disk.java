package io.foldersync.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Path;

/**
 * The file system primitives the applier uses, and nothing else, so that the order of writes,
 * renames and flushes can be checked against a model of what survives a power cut
 * ({@code CrashDisk} in the tests). {@link NioDisk} is the real one.
 */
public interface Disk {

    enum Kind { ABSENT, FILE, DIRECTORY, OTHER }

    /** What is at {@code path}, without following a symbolic link (a link is {@link Kind#OTHER}). */
    Kind kind(Path path) throws IOException;

    /**
     * Which file is at {@code path} and how it is now: its inode, size, modification and change
     * times; null when nothing is there. Two looks that agree mean nobody wrote to it in between.
     */
    Identity identity(Path path) throws IOException;

    /** A file's identity (inode) and state; {@code changed} is the ctime where the system has one, else the mtime. */
    record Identity(Object key, long size, long modified, long changed) {

        /** Same file, same content as far as size and mtime tell (ctime moves with links and renames: not compared). */
        public boolean sameFileAs(Identity other) {
            return other != null && key.equals(other.key) && size == other.size && modified == other.modified;
        }
    }

    /** The file's identity as {@link io.foldersync.files.LocalFile#keyOf} gives it (what the state database records), or null. */
    default String fileKey(Path file) throws IOException {
        return null;
    }

    /** Creates a new file that must not exist yet, for writing. */
    OutputStream create(Path file) throws IOException;

    InputStream open(Path file) throws IOException;

    void setModifiedTime(Path file, long millis) throws IOException;

    /**
     * Gives {@code file} the permission bits, and where this process may the owner and group, of the
     * regular file at {@code from}, when there is one (nothing otherwise): a new version keeps its
     * path's mode and owner, so a script stays executable, a private file stays private, and a server
     * running as root does not take a user's file away from them.
     */
    default void adoptAttributes(Path from, Path file) throws IOException {
    }

    /** Flushes a file's content and metadata to the device. */
    void force(Path file) throws IOException;

    /** Flushes a directory's entries to the device (created, renamed and removed names). */
    void forceDirectory(Path directory) throws IOException;

    /**
     * Flushes everything written so far to the file system holding {@code within}: every file's
     * content and metadata and every directory's entries, as {@link #force} and
     * {@link #forceDirectory} of each would. False, having done nothing, where this disk cannot
     * (then the caller flushes file by file).
     */
    default boolean syncFileSystem(Path within) throws IOException {
        return false;
    }

    /** Atomic rename within one file system; the target must not exist (our targets are fresh names). */
    void rename(Path from, Path to) throws IOException;

    /**
     * Gives {@code existing} a second name, atomically and only if {@code name} does not exist:
     * false when it does. Never replaces anything.
     */
    boolean link(Path existing, Path name) throws IOException;

    /** Removes a file or an empty directory; false when it was not there. */
    boolean delete(Path path) throws IOException;

    /**
     * Removes a directory if it is empty: false when it holds something or is not there. Asked for the
     * parent of every file a batch deletes, where "not empty" is the common answer.
     */
    default boolean removeIfEmpty(Path directory) throws IOException {
        try {
            return delete(directory);
        }
        catch (DirectoryNotEmptyException e) {
            return false;
        }
    }

    void createDirectory(Path directory) throws IOException;

    /** The names in a directory (empty when it does not exist). */
    java.util.List<Path> list(Path directory) throws IOException;
}
