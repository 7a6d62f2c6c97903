package io.foldersync.apply;

import java.nio.file.Path;

/**
 * Received content written to a temporary file in the work directory and inspected while it was
 * written: its hash, size and whether it is text. Not yet flushed: the applier flushes a batch of
 * staged files together.
 */
public record Staged(Path file, String sha256, long size, boolean text) {
}
