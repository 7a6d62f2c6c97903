package io.foldersync.files;

/**
 * One copy buffer per thread, for the loops that read or write every file (staging, sending,
 * hashing): a fresh 64 KiB array per file would be most of the garbage of a sync of many small
 * files. A caller must not hand its buffer to code that may ask for the buffer again.
 */
public final class Buffers {

    public static final int SIZE = 64 * 1024;

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[SIZE]);

    private Buffers() {
    }

    public static byte[] get() {
        return BUFFER.get();
    }
}
