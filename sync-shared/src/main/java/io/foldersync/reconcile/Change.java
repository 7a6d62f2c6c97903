package io.foldersync.reconcile;

import io.foldersync.files.LocalFile;

/**
 * One change found by comparing what a side had with what it has now.
 *
 * @param kind what happened
 * @param path the path now (for a delete: the path that went away)
 * @param from for a move, where the file was
 * @param file the file now (null for a delete)
 * @param previousSha256 the content the path had before (null for a new file)
 */
public record Change(Kind kind, String path, String from, LocalFile file, String previousSha256) {

    public enum Kind { UPDATED, MOVED, DELETED }

    public static Change updated(LocalFile file, String previousSha256) {
        return new Change(Kind.UPDATED, file.path(), null, file, previousSha256);
    }

    public static Change moved(String from, LocalFile file) {
        return new Change(Kind.MOVED, file.path(), from, file, file.sha256());
    }

    public static Change deleted(String path, String previousSha256) {
        return new Change(Kind.DELETED, path, null, null, previousSha256);
    }
}
