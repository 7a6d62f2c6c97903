package io.foldersync.delta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.foldersync.files.TextFiles;

/**
 * Content-defined chunking with FastCDC (Xia et al., USENIX ATC 2016 and IEEE TPDS 2020): a gear
 * rolling hash, cut-point skipping below the minimum size and normalized chunking. Bytes are fed
 * in pieces of any size ({@link #update}); each complete chunk goes to the {@link Sink}. Memory is
 * one buffer of {@value #BUFFER_BYTES} bytes, whatever the content's size.
 *
 * <p>The cut points are part of the contract between the two sides (and of every chunk list
 * kept in a state database): both must cut the same content the same way, so the parameters,
 * the gear table and the masks are fixed here, identified by {@link #CHUNKER_ID}, and locked by
 * golden tests. Changing any of them means a new id.
 *
 * <p>Parameters (id 1): minimum {@value #MIN_SIZE}, average {@value #AVG_SIZE}, maximum
 * {@value #MAX_SIZE} bytes, normalization level 2 (a 15-bit mask before the average, an 11-bit
 * one after it), the setting the FastCDC paper evaluates as its default. Why these for text files
 * of a few KB to several GB: a one-line edit costs about one average chunk of literal bytes (8 KiB
 * against rsync's ~50 KB for a 20 MB file) while a chunk list stays at about 19 bytes per 8 KiB
 * (0.23 % of the file: 4.7 MB for 2 GB); files under 2 KiB are a single chunk, where a delta could
 * not save anything a frame header would not cost.
 *
 * <p>The gear table is derived, not random: entry {@code i} is the first eight bytes (big-endian)
 * of SHA-256 of {@code "foldersync fastcdc gear " + i}. The masks spread their bits evenly over
 * the top 48 bits of the hash: with a left-shifting gear hash, bit {@code p} depends on the last
 * {@code p + 1} bytes, so high bits give the 48-64 byte window the paper's "zero padding" is after
 * (low bits would see only the last few bytes and cut too often in repetitive text).
 */
public final class Chunker {

    /** Identifies the chunking rule (parameters, table, masks); recorded in every encoded chunk list. */
    public static final int CHUNKER_ID = 1;

    public static final int MIN_SIZE = 2 * 1024;

    public static final int AVG_SIZE = 8 * 1024;

    public static final int MAX_SIZE = 64 * 1024;

    static final int BUFFER_BYTES = 4 * MAX_SIZE;

    private static final int NORMALIZATION_LEVEL = 2;

    static final long[] GEAR = gearTable();

    static final long MASK_SMALL = spreadMask(log2(AVG_SIZE) + NORMALIZATION_LEVEL);

    static final long MASK_LARGE = spreadMask(log2(AVG_SIZE) - NORMALIZATION_LEVEL);

    /** Receives each chunk, in order; the bytes are only valid during the call. */
    @FunctionalInterface
    public interface Sink {
        void chunk(byte[] bytes, int offset, int length) throws IOException;
    }

    private final Sink sink;

    private final byte[] buffer = new byte[BUFFER_BYTES];

    private int start;

    private int end;

    public Chunker(Sink sink) {
        this.sink = sink;
    }

    /** Feeds the next bytes of the content; complete chunks go to the sink at once. */
    public void update(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (end == buffer.length) {
                // fewer than MAX_SIZE bytes are pending here, so this frees at least 3/4 of the buffer
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = Math.min(length, buffer.length - end);
            System.arraycopy(bytes, offset, buffer, end, n);
            end += n;
            offset += n;
            length -= n;
            // a cut needs MAX_SIZE bytes ahead (or the end of the content) to be the same cut a
            // single pass over the whole content would make
            while (end - start >= MAX_SIZE) {
                emit(cut(buffer, start, end - start));
            }
        }
    }

    /** The content is complete: emits what is left (the last chunk may be shorter than the minimum). */
    public void finish() throws IOException {
        while (start < end) {
            emit(cut(buffer, start, end - start));
        }
    }

    private void emit(int length) throws IOException {
        sink.chunk(buffer, start, length);
        start += length;
    }

    /**
     * The length of the chunk that starts at {@code start}, given {@code available} bytes of which
     * either at least {@link #MAX_SIZE} are there or the content ends after them.
     */
    static int cut(byte[] bytes, int start, int available) {
        if (available <= MIN_SIZE) {
            return available;
        }
        int limit = Math.min(available, MAX_SIZE);
        int normal = Math.min(limit, AVG_SIZE);
        long hash = 0;
        int i = start + MIN_SIZE; // cut-point skipping: no boundary inside the first MIN_SIZE bytes
        int stop = start + normal;
        for (; i < stop; i++) {
            hash = (hash << 1) + GEAR[bytes[i] & 0xFF];
            if ((hash & MASK_SMALL) == 0) {
                return i + 1 - start;
            }
        }
        stop = start + limit;
        for (; i < stop; i++) {
            hash = (hash << 1) + GEAR[bytes[i] & 0xFF];
            if ((hash & MASK_LARGE) == 0) {
                return i + 1 - start;
            }
        }
        return limit;
    }

    private static long[] gearTable() {
        MessageDigest sha256 = TextFiles.sha256Digest();
        long[] table = new long[256];
        for (int i = 0; i < 256; i++) {
            byte[] digest = sha256.digest(("foldersync fastcdc gear " + i).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int b = 0; b < 8; b++) {
                value = (value << 8) | (digest[b] & 0xFF);
            }
            table[i] = value;
        }
        return table;
    }

    /** {@code bits} one-bits spread evenly from bit 63 down over the top 48 bits. */
    static long spreadMask(int bits) {
        long mask = 0;
        for (int i = 0; i < bits; i++) {
            mask |= 1L << (63 - (i * 48) / bits);
        }
        return mask;
    }

    private static int log2(int value) {
        return 31 - Integer.numberOfLeadingZeros(value);
    }
}
