package io.foldersync.reconcile;

/**
 * Whether a folder may be synchronised now, and with which bases. A folder that is missing or
 * unreadable propagates nothing. A folder that is suddenly empty and lacks the marker foldersync
 * keeps in its work directory is a mount point whose file system is gone: it propagates nothing
 * either (no mass delete), and recovers by itself when the mount is back. A folder the user really
 * emptied still has the marker, and its deletions propagate.
 */
public final class FolderPresence {

    public enum Presence { MISSING, NOT_A_DIRECTORY, UNREADABLE, PRESENT }

    public enum Marker {
        /** No marker in the folder. */
        NONE,
        /** The marker this side recorded for the folder. */
        OURS,
        /** A marker, but not the one recorded (another folder, or the state database is new). */
        OTHER
    }

    public enum Action {
        USABLE,
        /** Usable; write the marker and record it (first use, or a folder from before markers). */
        USABLE_WRITE_MARKER,
        /** Another folder than the one the bases describe (or a new database): forget the bases, record its marker. */
        USABLE_FORGET_BASES,
        DOWN_MISSING,
        DOWN_UNREADABLE,
        /** Empty, without marker, while files were tracked: an unmounted file system. */
        DOWN_UNMOUNTED
    }

    private FolderPresence() {
    }

    /**
     * @param presence what the path is
     * @param marker the marker found in it
     * @param visibleEntries whether it holds anything besides our work directory
     * @param trackedFiles whether the state database tracks files of this folder
     */
    public static Action decide(Presence presence, Marker marker, boolean visibleEntries, boolean trackedFiles) {
        return switch (presence) {
            case MISSING, NOT_A_DIRECTORY -> Action.DOWN_MISSING;
            case UNREADABLE -> Action.DOWN_UNREADABLE;
            case PRESENT -> switch (marker) {
                case OURS -> Action.USABLE;
                case OTHER -> Action.USABLE_FORGET_BASES;
                // no marker: a folder from before markers, a new one, or the bare mount point of a lost file system
                case NONE -> !visibleEntries && trackedFiles ? Action.DOWN_UNMOUNTED : Action.USABLE_WRITE_MARKER;
            };
        };
    }
}
