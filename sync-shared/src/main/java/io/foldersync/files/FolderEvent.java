package io.foldersync.files;

/**
 * Something happened at {@code path} (relative to the watched folder, {@code ""} for the folder
 * itself). The kind is a hint only: the change detector always looks at the disk, because
 * kernel events can arrive late, merged or (on overflow) not at all.
 */
public record FolderEvent(String path, Kind kind) {

    public enum Kind {
        CREATED, MODIFIED, DELETED,
        /** Events were lost: rescan everything. */
        OVERFLOW
    }

    public static FolderEvent overflow() {
        return new FolderEvent("", Kind.OVERFLOW);
    }
}
