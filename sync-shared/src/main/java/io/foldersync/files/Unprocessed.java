package io.foldersync.files;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Work seen but not done because it failed, for instance because the state database's disk is full:
 * the server's changes in its folder (their watch events are spent, so a full rescan must find them
 * again), or what the server sent a client (asked for again at the next reconcile). While it lasts,
 * health is DOWN with the innermost cause, since the other side gets nothing; one WARN when it
 * starts, one INFO when something is done again. Before, each failure logged a stack trace whose
 * first line said only "JDBC commit failed", and health stayed UP.
 */
public class Unprocessed {

    private static final Log log = LogFactory.getLog(Unprocessed.class);

    /** What the failure means and how it is retried, for the WARN. */
    private final String meaning;

    /** How it is retried, for health. */
    private final String retried;

    private volatile String what;

    private volatile String cause;

    /**
     * @param meaning what a failure means and how it is retried ("they are not sent to the clients, and
     *        the folder is rescanned at every interval until it succeeds")
     * @param retried how it is retried, in a few words ("retried at every interval")
     */
    public Unprocessed(String meaning, String retried) {
        this.meaning = meaning;
        this.retried = retried;
    }

    /** Processing {@code what} ("the changes in folder docs") failed with {@code error}. */
    public void failed(String what, Throwable error) {
        String first = cause;
        this.what = what;
        this.cause = rootMessage(error);
        if (first == null) {
            log.warn("could not process " + what + " (" + cause + "); " + meaning, error);
        }
        else {
            log.debug("processing " + what + " failed again: " + cause);
        }
    }

    /** Whether a failure left work undone since the last success. */
    public boolean pending() {
        return cause != null;
    }

    /** Work was done again: {@code what} ("the changes in folder docs") is processed as usual. */
    public void processed(String what) {
        if (cause != null) {
            cause = null;
            log.info("processing " + what + " works again after a failure");
        }
    }

    /** Why work is left undone, or null. */
    public String problem() {
        String why = cause;
        return why != null ? "could not process " + what + ": " + why + " (" + retried + ")" : null;
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
