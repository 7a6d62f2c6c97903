package io.foldersync.files;

import java.util.Map;
import java.util.SortedMap;

/**
 * The result of scanning a folder or part of it.
 *
 * @param files the files that qualify for sync, by path
 * @param ineligible regular, visible files that do not qualify, by path, with the reason (binary, too large)
 */
public record Scan(SortedMap<String, LocalFile> files, Map<String, String> ineligible) {
}
