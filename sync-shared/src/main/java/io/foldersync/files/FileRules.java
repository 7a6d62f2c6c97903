package io.foldersync.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import io.foldersync.protocol.SyncPath;

/**
 * Which files of a folder are synchronised, as the contract says: regular files (links are
 * never followed), no hidden segment, text content, at most {@code maxFileBytes}. Scanning
 * reuses a known hash when size and mtime are unchanged, so a rescan reads only what changed.
 */
public final class FileRules {

    /** Looks up what was last known of a path, to skip hashing an unchanged file; may return null. */
    @FunctionalInterface
    public interface KnownHashes extends Function<String, LocalFile> {
        KnownHashes NONE = path -> null;
    }

    private final long maxFileBytes;

    public FileRules(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** True when no segment of the relative path starts with a dot. */
    public static boolean isVisible(String relativePath) {
        for (String segment : relativePath.split("/")) {
            if (segment.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** Scans the whole folder. */
    public Scan scan(Path folder, KnownHashes known) throws IOException {
        return scan(folder, folder, known);
    }

    /**
     * Scans {@code start} (the folder itself, a directory below it, or one file) and returns
     * what it finds below {@code folder}. A start that does not exist gives an empty scan.
     */
    public Scan scan(Path folder, Path start, KnownHashes known) throws IOException {
        TreeMap<String, LocalFile> files = new TreeMap<>();
        Map<String, String> ineligible = new HashMap<>();
        Map<String, String> unreadable = new HashMap<>();
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS) || throughLink(folder, start)) {
            // a path below a symbolic link is outside the folder, whatever its name says
            return new Scan(files, ineligible, unreadable);
        }
        BasicFileAttributes startAttrs;
        try {
            startAttrs = Files.readAttributes(start, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (NoSuchFileException e) {
            return new Scan(files, ineligible, unreadable);
        }
        if (!startAttrs.isDirectory()) {
            // one file (the common case of a pushed update or a watch event): no tree walk
            String path = SyncPath.of(folder, start);
            if (!isVisible(path) || startAttrs.isSymbolicLink()) {
                return new Scan(files, ineligible, unreadable);
            }
            if (startAttrs.isOther()) {
                unreadable.put(path, "not a regular file (a FIFO, socket or device)");
            }
            else if (startAttrs.isRegularFile()) {
                try {
                    classify(start, path, startAttrs, known, files, ineligible);
                }
                catch (IOException e) {
                    unreadable.put(path, reason(e));
                }
            }
            return new Scan(files, ineligible, unreadable);
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(folder) && !isVisible(SyncPath.of(folder, dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = SyncPath.of(folder, file);
                if (!isVisible(path) || attrs.isSymbolicLink()) {
                    return FileVisitResult.CONTINUE; // hidden, or a link: never synchronised
                }
                if (attrs.isOther()) {
                    // a FIFO, socket or device: never opened (a FIFO would block), never taken for a deletion
                    unreadable.put(path, "not a regular file (a FIFO, socket or device)");
                    return FileVisitResult.CONTINUE;
                }
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    classify(file, path, attrs, known, files, ineligible);
                }
                catch (IOException e) {
                    unreadable.put(path, reason(e));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(folder)) {
                    throw e; // the folder itself: nothing can be said of any file, so nothing may look deleted
                }
                if (!(e instanceof NoSuchFileException)) {
                    // deleted while we walked is covered by the next event; anything else stays unknown
                    String path = SyncPath.of(folder, file);
                    if (isVisible(path)) {
                        unreadable.put(path, reason(e));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Scan(files, ineligible, unreadable);
    }

    /** Why a path could not be looked at, in words for the trouble list. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    /** True when a directory between {@code folder} and {@code start} is a symbolic link. */
    static boolean throughLink(Path folder, Path start) {
        for (Path p = start.getParent(); p != null && p.startsWith(folder) && !p.equals(folder); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                return true;
            }
        }
        return false;
    }

    /** Inspects one file; empty when it does not exist or does not qualify. */
    public Optional<LocalFile> inspect(Path folder, String path, KnownHashes known) throws IOException {
        Scan scan = scan(folder, SyncPath.resolve(folder, path), known);
        return Optional.ofNullable(scan.files().get(path));
    }

    /**
     * What one regular file is to the sync.
     *
     * @param file the file with its hash, when it qualifies
     * @param ineligible why it does not qualify (binary, too large, an unreadable name)
     * Both are null when the file vanished before it could be read.
     */
    public record Look(LocalFile file, String ineligible) {
        static final Look GONE = new Look(null, null);
    }

    private void classify(Path file, String path, BasicFileAttributes attrs, KnownHashes known,
            Map<String, LocalFile> files, Map<String, String> ineligible) throws IOException {
        Look look = look(file, path, attrs, known.apply(path));
        if (look.file() != null) {
            files.put(path, look.file());
        }
        else if (look.ineligible() != null) {
            ineligible.put(path, look.ineligible());
        }
    }

    /**
     * Looks at one regular file, hashing it unless {@code cached} (what was last known of it, or
     * null) has the same size, mtime and file key and the mtime is not racy.
     */
    public Look look(Path file, String path, BasicFileAttributes attrs, LocalFile cached) throws IOException {
        if (path.indexOf(SyncPath.NOT_READ) >= 0) {
            // its bytes are not UTF-8, or not in this JVM's encoding: any name we sent would be another file's
            return new Look(null, "its name is not valid UTF-8 or cannot be read in this JVM's file-name encoding ("
                    + System.getProperty("sun.jnu.encoding") + "); rename it, or start with LANG=C.UTF-8");
        }
        String problem = SyncPath.problem(path);
        if (problem != null) {
            // a name the protocol refuses (a backslash: a separator on other systems): every peer would
            // refuse it, so it is listed as not synchronised here, like a binary file, and never sent
            return new Look(null, "its name cannot be synchronised (" + problem + "); rename it");
        }
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        if (size > maxFileBytes) {
            return new Look(null, "larger than max-file-bytes (" + size + " > " + maxFileBytes + ")");
        }
        String key = LocalFile.keyOf(attrs);
        // the hash is trusted for the same size, mtime and file (a copy put in its place with the same
        // size and mtime, as cp -p or rsync -a make, has another inode), unless the mtime is racy
        if (cached != null && cached.size() == size && cached.mtime() == mtime && !isRacy(mtime)
                && (cached.fileKey() == null || cached.fileKey().equals(key))) {
            return new Look(new LocalFile(path, cached.sha256(), mtime, size, key), null);
        }
        TextFiles.Inspection inspection;
        try {
            inspection = TextFiles.inspect(file);
        }
        catch (NoSuchFileException e) {
            return Look.GONE;
        }
        if (!inspection.text()) {
            return new Look(null, "not text (NUL byte or invalid UTF-8)");
        }
        // the size we hashed is the truth; attrs may be a moment older than the content
        return new Look(new LocalFile(path, inspection.sha256(), mtime, inspection.size(), key), null);
    }

    /**
     * A file modified within the last two seconds may be written again within the same mtime
     * tick (git's "racy" rule), so its cached hash is not trusted.
     */
    private static boolean isRacy(long mtime) {
        return System.currentTimeMillis() - mtime < RACY_MS;
    }

    /** How recent an mtime is too recent to trust a cached hash (see {@link #isRacy}). */
    public static final long RACY_MS = 2000;
}
