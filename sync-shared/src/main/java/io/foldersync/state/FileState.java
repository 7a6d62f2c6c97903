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
 */
@Table("file_state")
public record FileState(@Id Long id, String folder, String path, String sha256, long mtime, long size,
        String origin, long syncedAt) {

    public Version version() {
        return new Version(sha256, mtime);
    }

    public LocalFile asLocalFile() {
        return new LocalFile(path, sha256, mtime, size);
    }
}
