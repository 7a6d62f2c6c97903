package io.foldersync.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import io.foldersync.delta.ChunkList;
import io.foldersync.delta.ContentInspector;

/**
 * The chunk list of a version this side holds on disk, for the state database: what the next
 * delta of the file copies from. Read separately from the hash that found the version (a scan
 * hashes many files; only the few large ones that changed are read again, page-cache warm).
 */
public final class BaseChunks {

    private BaseChunks() {
    }

    /**
     * The file's chunk list if it is large enough to be a delta's base
     * ({@value ContentInspector#CHUNKED_FROM_BYTES} bytes) and still holds {@code sha256}; null otherwise.
     */
    public static ChunkList of(Path file, String sha256) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile() || attrs.size() < ContentInspector.CHUNKED_FROM_BYTES) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ContentInspector.Inspection inspection = ContentInspector.inspect(in, true);
                return inspection.sha256().equals(sha256) ? inspection.chunks() : null; // changed meanwhile: no base
            }
        }
        catch (NoSuchFileException e) {
            return null;
        }
    }
}
