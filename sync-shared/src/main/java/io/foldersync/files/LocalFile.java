package io.foldersync.files;

/** A synchronisable file as found on disk: its wire path, content hash, modification time (ms) and size. */
public record LocalFile(String path, String sha256, long mtime, long size) {
}
