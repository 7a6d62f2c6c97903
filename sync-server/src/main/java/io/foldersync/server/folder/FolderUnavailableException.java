package io.foldersync.server.folder;

/**
 * A switch to a folder that cannot be synchronised now (missing, unreadable, an unmounted file
 * system): refused, so the clients keep mirroring the active folder instead of being emptied for
 * a folder that is not there.
 */
public class FolderUnavailableException extends RuntimeException {

    /** How the refusal starts, on the wire too (a client's page answers it with 409). */
    public static final String PREFIX = "folder not available: ";

    public FolderUnavailableException(String problem) {
        super(PREFIX + problem);
    }
}
