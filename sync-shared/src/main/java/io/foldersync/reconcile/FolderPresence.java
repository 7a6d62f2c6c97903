package io.foldersync.reconcile;

/**
 * Whether a folder may be synchronised now, and with which bases. A folder that is missing or
 * unreadable propagates nothing. A folder that lacks the marker foldersync wrote into it, while
 * files are tracked, is not the folder the bases describe: most often the bare mount point of a
 * file system that is gone, empty or holding a stray file (a "disk not mounted" README); it
 * propagates nothing either (no mass delete), and recovers by itself when the mount is back. A
 * folder the user really emptied still has the marker, and its deletions propagate; one replaced on
 * purpose needs its marker made by hand (as Syncthing's {@code .stfolder}).
 */
public final class FolderPresence {

    public enum Presence { MISSING, NOT_A_DIRECTORY, UNREADABLE, PRESENT }

    public enum Marker {
        /** No marker in the folder, and none recorded for it (a new folder, or one from before markers). */
        NONE,
        /** No marker in the folder, though this side wrote one into it and recorded it. */
        GONE,
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
        /** Without its marker while files are tracked (or empty and unmarked): an unmounted file system. */
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
                // the marker we wrote is not there: whatever the folder holds (nothing, or a stray file), it is not
                // the folder whose files are tracked, and taking it as the truth would delete them on every client
                case GONE -> trackedFiles ? Action.DOWN_UNMOUNTED : Action.USABLE_WRITE_MARKER;
            };
        };
    }
}
