package io.foldersync.link;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.protocol.Frame;
import io.foldersync.protocol.SyncMessage;

/**
 * The one place that writes the INFO line per file sent, received, moved or deleted, so every
 * sync line has the same shape: {@code <direction> <TYPE> <path> size=<n> folder=<f> peer=<id>}.
 */
public final class SyncLog {

    private static final Log log = LogFactory.getLog("io.foldersync.sync");

    private SyncLog() {
    }

    /** Logs a file frame that went out; other frames (handshake, pings, manifests) are not logged here. */
    public static void sent(String peer, Frame frame) {
        String line = describe(frame);
        if (line != null) {
            log.info("sent     " + line + " peer=" + peer);
        }
    }

    public static void received(String peer, Frame frame) {
        String line = describe(frame);
        if (line != null) {
            log.info("received " + line + " peer=" + peer);
        }
    }

    /** A local action on the folder: applied, deleted, kept aside... */
    public static void local(String action, String folder, String path, String detail) {
        log.info(action + " " + path + " folder=" + folder + (detail == null ? "" : " " + detail));
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
