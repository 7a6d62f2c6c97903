package io.foldersync.server.command;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One run of a command: what runs, for whom, where, since when.
 *
 * @param folder the active folder's name when the run started (its working directory)
 */
public record CommandRun(String command, String clientId, String folder, Path directory, Instant startedAt) {
}
