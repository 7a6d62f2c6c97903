package io.foldersync.state;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import io.foldersync.files.LocalFile;
import io.foldersync.reconcile.Version;

/**
 * What a side last had in sync for one path of one folder: the base of the next decision.
 * Times are epoch milliseconds (SQLite keeps no timestamp type that reads back reliably).
 *
 * @param origin who produced this content: {@code server}, a client id, or {@code local}
 * @param fileKey the identity of the file the hash was taken from (see {@link LocalFile#fileKey()}), or null
 */
@Table("file_state")
public record FileState(@Id Long id, String folder, String path, String sha256, long mtime, long size,
        String origin, long syncedAt, String fileKey) {

    public FileState(Long id, String folder, String path, String sha256, long mtime, long size, String origin,
            long syncedAt) {
        this(id, folder, path, sha256, mtime, size, origin, syncedAt, null);
    }

    public Version version() {
        return new Version(sha256, mtime);
    }

    public LocalFile asLocalFile() {
        return new LocalFile(path, sha256, mtime, size, fileKey);
    }
}
