package io.foldersync.files;

import java.util.Map;
import java.util.SortedMap;

/**
 * The result of scanning a folder or part of it.
 *
 * @param files the files that qualify for sync, by path
 * @param ineligible regular, visible files that do not qualify, by path, with the reason (binary, too large)
 * @param unreadable paths that could not be looked at (a file or directory without permission, a
 *        file that failed mid-read, a FIFO or device), with the reason: their content is unknown,
 *        so they are neither changed nor deleted; for a directory, everything below it is unknown
 */
public record Scan(SortedMap<String, LocalFile> files, Map<String, String> ineligible, Map<String, String> unreadable) {

    public Scan(SortedMap<String, LocalFile> files, Map<String, String> ineligible) {
        this(files, ineligible, Map.of());
    }

    /** True when nothing can be said about {@code path}: it, or a directory above it, could not be read. */
    public boolean isUnknown(String path) {
        if (unreadable.isEmpty()) {
            return false;
        }
        if (unreadable.containsKey(path)) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (unreadable.containsKey(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }
}
