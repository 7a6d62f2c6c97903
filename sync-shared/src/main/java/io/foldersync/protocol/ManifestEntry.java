package io.foldersync.protocol;

/** One line of a MANIFEST's content: a synchronised file as the server has it. */
public record ManifestEntry(String path, String sha256, long mtime, long size) {
}
