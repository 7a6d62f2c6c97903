package io.foldersync.reconcile;

import java.util.Objects;

/** One version of a file's content: its SHA-256 and modification time (ms since the epoch, server clock). */
public record Version(String sha256, long mtime) {

    public Version {
        Objects.requireNonNull(sha256, "sha256");
    }

    public boolean sameContent(Version other) {
        return other != null && sha256.equals(other.sha256);
    }

    public boolean sameContent(String otherSha256) {
        return sha256.equals(otherSha256);
    }
}
