package io.foldersync.server.conflict;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A version that lost a conflict.
 *
 * @param origin who wrote the losing version ({@code server} or a client id)
 * @param winner who wrote the version that won
 * @param storedAs the file (relative to the conflict directory) holding the losing content
 */
@Table("conflict")
public record ConflictRecord(@Id Long id, String folder, String path, String sha256, long mtime, long size,
        String origin, String winner, long keptAt, String storedAs) {
}
