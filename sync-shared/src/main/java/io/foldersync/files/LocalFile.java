package io.foldersync.files;

/**
 * A synchronisable file as found on disk: its wire path, content hash, modification time (ms) and
 * size, and the identity of the file on disk ({@code fileKey}: device and inode; null when not
 * known), which tells a file replaced by another of the same size and mtime.
 */
public record LocalFile(String path, String sha256, long mtime, long size, String fileKey) {

    public LocalFile(String path, String sha256, long mtime, long size) {
        this(path, sha256, mtime, size, null);
    }

    /** The same content with other metadata (a touch, a copy put in its place): the row is refreshed, nothing is sent. */
    public boolean sameContentOtherMetadata(LocalFile other) {
        return other != null && sha256.equals(other.sha256()) && (mtime != other.mtime() || size != other.size()
                || (fileKey != null && !fileKey.equals(other.fileKey())));
    }

    /** The identity of a file as a string, or null when the file system gives none. */
    public static String keyOf(java.nio.file.attribute.BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return key == null ? null : key.toString();
    }
}
