package io.foldersync.apply;

import java.nio.file.Path;

import io.foldersync.delta.ChunkList;

/**
 * Received content written to a temporary file in the work directory and inspected while it was
 * written: its hash, size and whether it is text. Not yet flushed: the applier flushes a batch of
 * staged files together. {@code chunks}: the content's chunk list when it is large enough to be
 * the base of a delta, else null. {@code fileKey}: the staged file's identity, which it keeps once
 * linked into place (the state database records it, so the next scan trusts the row).
 */
public record Staged(Path file, String sha256, long size, boolean text, ChunkList chunks, String fileKey) {

    public Staged(Path file, String sha256, long size, boolean text) {
        this(file, sha256, size, text, null, null);
    }
}
