package io.foldersync.files;

import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * File names travel as UTF-8 and must reach the disk as the same bytes. Java 17 turns a file name
 * into a string with the locale's encoding ({@code sun.jnu.encoding}: fixed when the JVM starts,
 * from {@code LC_ALL}, {@code LC_CTYPE} or {@code LANG}; {@code -D} cannot change it). In the
 * C/POSIX locale (nothing set, as in a bare container) that is ASCII: a name such as
 * {@code café.txt} then reads as {@code caf\uFFFD\uFFFD.txt} and cannot be written at all. Such a
 * JVM still synchronises every name it can read, skips the others (see {@link FileRules} and
 * {@code SyncPath.problem}: never under another name), and says at start how to fix it.
 */
public final class FileNameEncoding {

    private static final Log log = LogFactory.getLog(FileNameEncoding.class);

    private FileNameEncoding() {
    }

    /** Logs a WARN at start when this JVM does not read file names as UTF-8. */
    public static void warnUnlessUtf8() {
        String warning = warning(System.getProperty("sun.jnu.encoding"), System.getenv("LC_ALL"), System.getenv("LC_CTYPE"),
                System.getenv("LANG"));
        if (warning != null) {
            log.warn(warning);
        }
    }

    /** The warning for a JVM that reads names in {@code encoding}, or null when that is UTF-8. */
    static String warning(String encoding, String lcAll, String lcCtype, String lang) {
        if (isUtf8(encoding)) {
            return null;
        }
        return "this JVM reads file names as " + encoding + " (LC_ALL=" + shown(lcAll) + ", LC_CTYPE=" + shown(lcCtype)
                + ", LANG=" + shown(lang) + "): files whose names go beyond ASCII (café.txt) cannot be synchronised by "
                + "this side and are listed as skipped. Start it in a UTF-8 locale: LANG=C.UTF-8 in its environment "
                + "(systemd: Environment=LANG=C.UTF-8), with LC_ALL and LC_CTYPE unset or UTF-8 as well";
    }

    static boolean isUtf8(String encoding) {
        return encoding != null && encoding.replace("-", "").toUpperCase(Locale.ROOT).equals("UTF8");
    }

    private static String shown(String value) {
        return value == null ? "(unset)" : value;
    }
}
