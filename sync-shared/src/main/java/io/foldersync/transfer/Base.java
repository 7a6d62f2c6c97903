package io.foldersync.transfer;

import io.foldersync.delta.ChunkList;

/**
 * The version a receiver is believed to hold of a file, which a delta copies from: its SHA-256
 * and, when this side recorded one, its chunk list (null: no delta is possible against it).
 */
public record Base(String sha256, ChunkList chunks) {

    public static Base of(String sha256, ChunkList chunks) {
        return sha256 == null ? null : new Base(sha256, chunks);
    }

    boolean usable() {
        return chunks != null && chunks.size() > 0;
    }
}
