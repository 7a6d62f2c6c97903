package io.foldersync.link;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.protocol.Frame;
import io.foldersync.protocol.SyncMessage;

/**
 * The one place that writes the INFO line per file sent, received, moved or deleted, so every
 * sync line has the same shape: {@code <direction> <TYPE> <path> size=<n> folder=<f> peer=<id>}.
 * A burst (a first sync, a checkout of thousands of files) is told in full only for its first
 * {@link #LINES_PER_SECOND} files each second, then by one line counting the rest (every file at
 * DEBUG): a log that can still be read, and that costs little while thousands of files go by.
 */
public final class SyncLog {

    private static final Log log = LogFactory.getLog("io.foldersync.sync");

    /** File lines per second and direction at INFO; more are counted, and each one logged at DEBUG. */
    public static final int LINES_PER_SECOND = 20;

    private static final Burst SENT = new Burst("sent");

    private static final Burst RECEIVED = new Burst("received");

    private SyncLog() {
    }

    /** Logs a file frame that went out; other frames (handshake, pings, manifests) are not logged here. */
    public static void sent(String peer, Frame frame) {
        line(SENT, peer, frame);
    }

    public static void received(String peer, Frame frame) {
        line(RECEIVED, peer, frame);
    }

    private static void line(Burst burst, String peer, Frame frame) {
        if (!(frame.message() instanceof SyncMessage.FileUpdate || frame.message() instanceof SyncMessage.FileDelete
                || frame.message() instanceof SyncMessage.FileMove)) {
            return;
        }
        if (burst.allow()) {
            log.info(burst.word + " " + describe(frame) + " peer=" + peer);
        }
        else if (log.isDebugEnabled()) {
            log.debug(burst.word + " " + describe(frame) + " peer=" + peer);
        }
    }

    /** Counts the lines of the current second; the first ones go out, the count of the rest follows. */
    private static final class Burst {

        final String word;

        private long second;

        private int lines;

        private int suppressed;

        Burst(String word) {
            this.word = word.length() < 8 ? word + " ".repeat(8 - word.length()) : word;
        }

        synchronized boolean allow() {
            long now = System.currentTimeMillis() / 1000;
            if (now != second) {
                if (suppressed > 0) {
                    log.info(word.trim() + " " + suppressed + " more file message(s) in that second (each at DEBUG)");
                }
                second = now;
                lines = 0;
                suppressed = 0;
            }
            if (lines < LINES_PER_SECOND) {
                lines++;
                return true;
            }
            suppressed++;
            return false;
        }
    }

    /** A local action on the folder: applied, deleted, kept aside... */
    public static void local(String action, String folder, String path, String detail) {
        log.info(action + " " + path + " folder=" + folder + (detail == null ? "" : " " + detail));
    }

    /** The same, at DEBUG when {@code quietly}: one of many in a batch that gets one line of its own. */
    public static void local(String action, String folder, String path, String detail, boolean quietly) {
        if (!quietly) {
            local(action, folder, path, detail);
        }
        else if (log.isDebugEnabled()) {
            log.debug(action + " " + path + " folder=" + folder + (detail == null ? "" : " " + detail));
        }
    }

    public static void warn(String message) {
        log.warn(message);
    }

    public static void info(String message) {
        log.info(message);
    }

    private static String describe(Frame frame) {
        SyncMessage message = frame.message();
        if (message instanceof SyncMessage.FileUpdate u) {
            return "FILE_UPDATE " + u.path() + " size=" + frame.content().length() + " folder=" + u.folder();
        }
        if (message instanceof SyncMessage.FileDelete d) {
            return "FILE_DELETE " + d.path() + " folder=" + d.folder();
        }
        if (message instanceof SyncMessage.FileMove m) {
            return "FILE_MOVE " + m.from() + " -> " + m.to() + " folder=" + m.folder();
        }
        return null;
    }
}
