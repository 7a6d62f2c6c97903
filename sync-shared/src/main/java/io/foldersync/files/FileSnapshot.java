package io.foldersync.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import io.foldersync.protocol.Content;

/**
 * A file read for sending: its content, hash and mtime taken together. Small files are read
 * into memory once, so header and content always agree even if the file changes right after;
 * large ones stream from disk (a change during the transfer shows as a hash mismatch at the
 * receiver, and the next event sends the file again).
 */
public record FileSnapshot(String sha256, long mtime, long size, Content content) {

    /** Reads the file, or returns null when it is gone, not a regular file, not text, or too large. */
    public static FileSnapshot read(Path file, long maxFileBytes, int inMemoryBytes) throws IOException {
        return read(file, maxFileBytes, inMemoryBytes, null);
    }

    /**
     * Reads the file; when {@code known} (what the state database says of it) has its size and mtime
     * and is not racy, its hash is taken as it is instead of hashing the file again: the receiver
     * hashes what it gets in any case, and a mismatch only makes it ask again.
     */
    public static FileSnapshot read(Path file, long maxFileBytes, int inMemoryBytes, LocalFile known)
            throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (NoSuchFileException e) {
            return null;
        }
        if (!attrs.isRegularFile() || attrs.size() > maxFileBytes) {
            return null;
        }
        long mtime = attrs.lastModifiedTime().toMillis();
        boolean trusted = known != null && known.size() == attrs.size() && known.mtime() == mtime
                && System.currentTimeMillis() - mtime >= FileRules.RACY_MS;
        try {
            if (attrs.size() <= inMemoryBytes) {
                byte[] bytes = Files.readAllBytes(file);
                if (trusted && bytes.length == known.size()) {
                    return new FileSnapshot(known.sha256(), mtime, bytes.length, Content.of(bytes));
                }
                TextFiles.Inspector inspector = new TextFiles.Inspector();
                inspector.update(bytes, 0, bytes.length);
                TextFiles.Inspection inspection = inspector.finish();
                if (!inspection.text()) {
                    return null;
                }
                return new FileSnapshot(inspection.sha256(), mtime, bytes.length, Content.of(bytes));
            }
            if (trusted) {
                return new FileSnapshot(known.sha256(), mtime, attrs.size(), Content.ofFile(file, attrs.size(), false));
            }
            TextFiles.Inspection inspection = TextFiles.inspect(file);
            if (!inspection.text()) {
                return null;
            }
            return new FileSnapshot(inspection.sha256(), mtime, inspection.size(),
                    Content.ofFile(file, inspection.size(), false));
        }
        catch (NoSuchFileException e) {
            return null;
        }
    }
}
