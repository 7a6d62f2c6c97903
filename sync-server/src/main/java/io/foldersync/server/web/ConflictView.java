package io.foldersync.server.web;

import java.time.Instant;

import io.foldersync.server.conflict.ConflictRecord;

/**
 * A kept conflict version as {@code /api/conflicts} and {@code /actuator/sync} show it; where it is
 * stored stays internal (its content is at {@code /api/conflicts/{id}}).
 *
 * @param time when the version was kept (ISO-8601 UTC)
 * @param modified the losing version's own modification time (ISO-8601 UTC)
 * @param origin who wrote the losing version ({@code server} or a client id)
 * @param winner who wrote the version that won
 */
record ConflictView(long id, String folder, String path, String time, String modified, String origin, String winner,
        long size, String sha256) {

    static ConflictView of(ConflictRecord record) {
        return new ConflictView(record.id(), record.folder(), record.path(), Instant.ofEpochMilli(record.keptAt()).toString(),
                Instant.ofEpochMilli(record.mtime()).toString(), record.origin(), record.winner(), record.size(),
                record.sha256());
    }
}
