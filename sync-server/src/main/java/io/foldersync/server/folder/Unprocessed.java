package io.foldersync.server.folder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Changes in the active folder that were seen but could not be processed (recorded in the state
 * database, then sent): a watch batch or a rescan failed, for instance because the state database's
 * disk is full. Their events are spent, so only a full rescan finds those changes again: it runs at
 * the next interval, and at every interval until one succeeds (not only at the periodic full scan,
 * half an hour later). Meanwhile health is DOWN with the cause, since the clients get nothing of the
 * folder's changes; one WARN when it starts, one INFO when it ends.
 */
public class Unprocessed {

    private static final Log log = LogFactory.getLog(Unprocessed.class);

    private volatile String folder;

    private volatile String cause;

    /** Processing changes in {@code folder} failed with {@code error}. */
    public void failed(String folder, Exception error) {
        String first = cause;
        this.cause = rootMessage(error);
        this.folder = folder;
        if (first == null) {
            log.warn("could not process the changes in folder " + folder + " (" + cause + "); they are not sent to"
                    + " the clients, and the folder is rescanned at every interval until it succeeds", error);
        }
        else {
            log.debug("processing the changes in folder " + folder + " failed again: " + cause);
        }
    }

    /** Whether a rescan must find what a failure left unprocessed. */
    public boolean rescanNeeded() {
        return cause != null;
    }

    /** A full rescan of the active folder succeeded: whatever was left unprocessed is processed now. */
    public void rescanned(String folder) {
        if (cause != null) {
            cause = null;
            log.info("the changes in folder " + folder + " are processed again after a failure");
        }
    }

    /** Why changes in {@code folder} are not reaching the clients, or null. */
    public String problem(String folder) {
        String why = cause;
        return why != null && folder.equals(this.folder)
                ? "could not process the changes in folder " + folder + ": " + why + " (retried at every interval)"
                : null;
    }

    /** The innermost cause says what happened ("database or disk is full"), the outer ones only where. */
    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
