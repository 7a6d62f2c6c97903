package io.foldersync.apply;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.sun.jna.Native;

/**
 * Two file system calls made straight through libc so that their common answers cost no exception:
 * whether anything is at a path (not following a last symbolic link), and removing a directory if it
 * is empty.
 *
 * <p>Why: on Java 17, {@code Files.readAttributes} of a missing path builds a
 * {@code NoSuchFileException} with the whole stack trace of the caller, about 15 microseconds at the
 * sync thread's depth against 2 for the {@code lstat} itself (measured). The applier asks that question
 * two or three times for every file a first sync writes (is the target free, is there a mode to take
 * over), so the exceptions cost more than the system calls. {@code faccessat(2)} with
 * {@code AT_SYMLINK_NOFOLLOW} answers it with a return code. Java 20 has the same shortcut built in.
 *
 * <p>Only "absent" is taken from the answer: whatever else it says ({@link Answer#PRESENT_OR_UNKNOWN}: something
 * is there, permission denied, a parent that is a file, JNA not loadable) the caller asks Java as before
 * and gets its attributes or its exception, so no error changes its message.
 */
final class DirectCalls {

    private static final Log log = LogFactory.getLog(DirectCalls.class);

    private static final int AT_FDCWD = -100;

    private static final int F_OK = 0;

    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    // errno values of Linux's generic table (x86_64, aarch64, riscv); where an architecture numbers them
    // otherwise, the answer is not recognised and Java is asked, which is only slower
    private static final int ENOENT = 2;

    private static final int EEXIST = 17;

    private static final int ENOTEMPTY = 39;

    enum Answer {
        /** Nothing is at the path (its parent directory exists and has no such name, or a parent is missing). */
        ABSENT,
        /** Something is there, or the question could not be answered here: ask Java. */
        PRESENT_OR_UNKNOWN
    }

    /** What {@link #removeIfEmpty} did. */
    enum Removal {
        REMOVED,
        /** It holds something, or nothing is there any more. */
        NOT_EMPTY_OR_GONE,
        /** Anything else (permission, not a directory, no native access): ask Java, which says why. */
        UNKNOWN
    }

    /**
     * The libc functions used, bound by JNA's direct mapping (a plain native method: about a
     * microsecond a call, against six through an interface proxy); -1 and errno when they fail.
     */
    private static final class LibC {

        static final boolean LOADED = register();

        private LibC() {
        }

        static native int faccessat(int dirfd, byte[] path, int mode, int flags);

        static native int rmdir(byte[] path);

        private static boolean register() {
            if (!System.getProperty("os.name", "").equals("Linux")) {
                return false;
            }
            try {
                Native.register(LibC.class, "c");
                return true;
            }
            catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native access here
                log.debug("faccessat is not available (" + e + "): absence is asked through Java");
                return false;
            }
        }
    }

    private static final Charset PATH_ENCODING = pathEncoding();

    private DirectCalls() {
    }

    static Answer presence(Path path) {
        if (!LibC.LOADED) {
            return Answer.PRESENT_OR_UNKNOWN;
        }
        if (LibC.faccessat(AT_FDCWD, cString(path), F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
            return Answer.PRESENT_OR_UNKNOWN;
        }
        return Native.getLastError() == ENOENT ? Answer.ABSENT : Answer.PRESENT_OR_UNKNOWN;
    }

    /**
     * {@code rmdir(2)}: the directory goes if it is empty. Asked for the parent of every file a batch
     * deletes (a folder switch removes thousands), where "not empty" is the common answer and cost
     * Java a {@code DirectoryNotEmptyException} with its stack each time.
     */
    static Removal removeIfEmpty(Path directory) {
        if (!LibC.LOADED) {
            return Removal.UNKNOWN;
        }
        if (LibC.rmdir(cString(directory)) == 0) {
            return Removal.REMOVED;
        }
        int errno = Native.getLastError();
        return errno == ENOTEMPTY || errno == EEXIST || errno == ENOENT ? Removal.NOT_EMPTY_OR_GONE : Removal.UNKNOWN;
    }

    /**
     * The path as the JDK itself passes it to the kernel: its string in the encoding the JVM maps file
     * names with (a path the JDK could not encode could not have been made), NUL-terminated.
     */
    static byte[] cString(Path path) {
        byte[] bytes = path.toAbsolutePath().toString().getBytes(PATH_ENCODING);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    private static Charset pathEncoding() {
        String encoding = System.getProperty("sun.jnu.encoding");
        return encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding) : Charset.defaultCharset();
    }
}
