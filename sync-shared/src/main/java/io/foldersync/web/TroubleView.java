package io.foldersync.web;

import java.util.List;

import io.foldersync.files.Troubles;

/**
 * How {@code /actuator/sync} shows the paths skipped for trouble, on both sides: how many, and the
 * first {@link Troubles#MAX_LISTED} with folder, path, reason and since when.
 */
public record TroubleView(String folder, String path, String reason, String since) {

    public static List<TroubleView> of(Troubles troubles) {
        return troubles.list().stream()
                .map(t -> new TroubleView(t.folder(), t.path(), t.reason(), t.since().toString()))
                .toList();
    }
}
