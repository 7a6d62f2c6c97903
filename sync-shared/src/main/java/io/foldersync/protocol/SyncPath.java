package io.foldersync.protocol;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks a path received from a peer before anything touches the disk. A valid path is
 * relative, {@code /}-separated, has no empty, {@code .} or {@code ..} segment, no segment
 * starting with {@code .} (hidden, which also covers our own working directory), no
 * backslash, NUL or {@link #NOT_READ} character, can be named by this JVM, and resolves to a
 * place inside the folder.
 */
public final class SyncPath {

    /** Longest path accepted, in characters; far above what Linux file systems allow (4096 bytes). */
    public static final int MAX_LENGTH = 4096;

    /**
     * What a file name's bytes become where they are not valid UTF-8 (or not readable in this JVM's
     * encoding): such a name is never synchronised, since any string sent for it would name another
     * file (and two such names may read the same).
     */
    public static final char NOT_READ = '\uFFFD';

    private SyncPath() {
    }

    /** True when a file of this name can be created here (always, in a UTF-8 JVM). */
    private static boolean nameable(String path) {
        try {
            Path.of(path);
            return true;
        }
        catch (InvalidPathException e) {
            return false;
        }
    }

    /** Why {@code path} is refused, or {@code null} when it is a valid relative path. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "path is empty";
        }
        if (path.length() > MAX_LENGTH) {
            return "path is longer than " + MAX_LENGTH + " characters";
        }
        if (path.startsWith("/")) {
            return "path is absolute";
        }
        if (path.indexOf('\\') >= 0) {
            return "path contains a backslash";
        }
        if (path.indexOf('\0') >= 0) {
            return "path contains a NUL character";
        }
        if (path.indexOf(NOT_READ) >= 0) {
            return "path is not valid UTF-8 (or not readable in this JVM's file-name encoding)";
        }
        if (!nameable(path)) {
            return "path cannot be named in this JVM's file-name encoding (" + System.getProperty("sun.jnu.encoding")
                    + "): start it with LANG=C.UTF-8";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "path has an empty segment";
            }
            if (segment.equals("..")) {
                return "path escapes the folder";
            }
            if (segment.startsWith(".")) {
                return "path has a hidden segment";
            }
        }
        return null;
    }

    /**
     * Resolves a valid relative path inside {@code folder}.
     *
     * @throws IllegalArgumentException when the path is refused
     */
    public static Path resolve(Path folder, String path) {
        String problem = problem(path);
        if (problem != null) {
            throw new IllegalArgumentException(problem + ": " + path);
        }
        Path root = folder.toAbsolutePath().normalize();
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("path escapes the folder: " + path);
        }
        return resolved;
    }

    /**
     * The wire form of a file below {@code folder}: relative and {@code /}-separated, with the
     * name exactly as found on disk (Linux names are bytes; normalising them would point at
     * another file).
     */
    public static String of(Path folder, Path file) {
        return folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
