package io.foldersync.survey;

import io.foldersync.state.FileState;

/**
 * One path of a survey: its base (null when none), what is on disk, and the third list's entry
 * for it (the server's manifest entry; null when none or when the survey has no third list).
 */
public record Spot<T>(String path, FileState base, Local local, T remote) {
}
