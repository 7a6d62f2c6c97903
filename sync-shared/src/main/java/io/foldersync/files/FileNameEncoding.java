package io.foldersync.files;

import java.util.Locale;

import io.foldersync.config.InvalidSettingException;

/**
 * File names travel as UTF-8 and must reach the disk as the same bytes. Java 17 turns a file
 * name into a string with the locale's encoding ({@code sun.jnu.encoding}: fixed when the JVM
 * starts, from {@code LC_ALL}, {@code LC_CTYPE} or {@code LANG}; {@code -D} cannot change it). In
 * the C/POSIX locale (nothing set, as under systemd or in a bare container) that is ASCII: a name
 * such as {@code café.txt} reads as {@code caf??.txt}, so it would reach the clients under another
 * name, and an edit of it could not find the file again. A side therefore refuses to start unless
 * its JVM reads names as UTF-8, and says which variable to set.
 */
public final class FileNameEncoding {

    private FileNameEncoding() {
    }

    /** Stops start-up unless this JVM reads file names as UTF-8. */
    public static void require() {
        require(System.getProperty("sun.jnu.encoding"), System.getenv("LC_ALL"), System.getenv("LC_CTYPE"),
                System.getenv("LANG"));
    }

    static void require(String encoding, String lcAll, String lcCtype, String lang) {
        if (isUtf8(encoding)) {
            return;
        }
        throw new InvalidSettingException("LANG", "this JVM reads file names as " + encoding + " (LC_ALL="
                + shown(lcAll) + ", LC_CTYPE=" + shown(lcCtype) + ", LANG=" + shown(lang) + "), so a file named café.txt "
                + "would be synchronised under another name. Start it in a UTF-8 locale: LANG=C.UTF-8 in its environment "
                + "(systemd: Environment=LANG=C.UTF-8), with LC_ALL and LC_CTYPE unset or UTF-8 as well");
    }

    static boolean isUtf8(String encoding) {
        return encoding != null && encoding.replace("-", "").toUpperCase(Locale.ROOT).equals("UTF8");
    }

    private static String shown(String value) {
        return value == null ? "(unset)" : value;
    }
}
