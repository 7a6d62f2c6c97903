package io.foldersync.delta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The chunks of one version of a file, in order: each chunk's length and its id (the first
 * {@value #HASH_BYTES} bytes of the SHA-256 of its bytes). Offsets follow from the lengths. Kept
 * per synced version in the state database and sent on the wire, both in this encoding:
 * <pre>
 * byte    format version ({@value #FORMAT_VERSION})
 * byte    chunker id ({@link Chunker#CHUNKER_ID}): lists of different chunkers never match
 * varint  chunk count
 * count x (varint length (1..{@link Chunker#MAX_SIZE}), {@value #HASH_BYTES} bytes id)
 * </pre>
 * Varints are unsigned LEB128 in their shortest form. Nothing may follow the last chunk.
 *
 * <p>Why 16 bytes of SHA-256: the chance that a new chunk collides with any of a base's chunks
 * by accident is about {@code n*m/2^128}, below 2^-90 for two 2 GB files (262,144 chunks each);
 * crafting a collision takes about 2^64 SHA-256 evaluations, and even then the whole-file
 * SHA-256 check after an apply turns it into a fallback, never a wrong file. Half the size of the
 * full hash keeps a list at about 19 bytes per chunk.
 *
 * <p>In memory a list is four primitive arrays (about 28 bytes per chunk) plus, once
 * {@link #indexOf} is used, an open-addressing index of ints: 2 GB of content costs about 9 MB.
 */
public final class ChunkList {

    public static final int FORMAT_VERSION = 1;

    public static final int HASH_BYTES = 16;

    /** Smallest encoding of one chunk: a one-byte length and the id. */
    private static final int MIN_CHUNK_BYTES = 1 + HASH_BYTES;

    /** Arrays of a decoded list grow from here, so a lying count cannot allocate more than the input justifies. */
    private static final int INITIAL_CAPACITY = 1024;

    public static final ChunkList EMPTY = new ChunkList(new long[0], new long[0], new int[0], 0);

    private final long[] high;

    private final long[] low;

    private final int[] lengths;

    private final long[] offsets;

    private final int size;

    private final long totalLength;

    /** Open addressing over chunk indexes + 1 (0 = free), built at the first lookup. */
    private volatile int[] index;

    private ChunkList(long[] high, long[] low, int[] lengths, int size) {
        this.high = high;
        this.low = low;
        this.lengths = lengths;
        this.size = size;
        this.offsets = new long[size];
        long offset = 0;
        for (int i = 0; i < size; i++) {
            offsets[i] = offset;
            offset += lengths[i];
        }
        this.totalLength = offset;
    }

    public int size() {
        return size;
    }

    /** The length of the content the list describes. */
    public long totalLength() {
        return totalLength;
    }

    public long offset(int chunk) {
        return offsets[checked(chunk)];
    }

    public int length(int chunk) {
        return lengths[checked(chunk)];
    }

    /** The chunk's id as 16 bytes of hex, for logs and tests. */
    public String id(int chunk) {
        checked(chunk);
        byte[] bytes = new byte[HASH_BYTES];
        for (int b = 0; b < 8; b++) {
            bytes[b] = (byte) (high[chunk] >>> (56 - 8 * b));
            bytes[8 + b] = (byte) (low[chunk] >>> (56 - 8 * b));
        }
        return HexFormat.of().formatHex(bytes);
    }

    long high(int chunk) {
        return high[checked(chunk)];
    }

    long low(int chunk) {
        return low[checked(chunk)];
    }

    boolean sameId(int chunk, long idHigh, long idLow) {
        return high[chunk] == idHigh && low[chunk] == idLow;
    }

    /** The first chunk with this id, or -1. */
    public int indexOf(long idHigh, long idLow) {
        int[] table = index();
        int mask = table.length - 1;
        int slot = spread(idHigh, idLow) & mask;
        while (table[slot] != 0) {
            int chunk = table[slot] - 1;
            if (high[chunk] == idHigh && low[chunk] == idLow) {
                return chunk;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int[] index() {
        int[] table = index;
        if (table == null) {
            // a load factor of at most 1/2 keeps probes short
            table = new int[Math.max(2, Integer.highestOneBit(Math.max(1, size)) << 2)];
            int mask = table.length - 1;
            for (int chunk = 0; chunk < size; chunk++) {
                int slot = spread(high[chunk], low[chunk]) & mask;
                boolean seen = false;
                while (table[slot] != 0) {
                    int other = table[slot] - 1;
                    if (high[other] == high[chunk] && low[other] == low[chunk]) {
                        seen = true; // keep the first occurrence
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
                if (!seen) {
                    table[slot] = chunk + 1;
                }
            }
            index = table;
        }
        return table;
    }

    private static int spread(long idHigh, long idLow) {
        // the ids are SHA-256 bits: any of them is already uniformly distributed
        return (int) (idHigh ^ (idHigh >>> 32) ^ idLow);
    }

    private int checked(int chunk) {
        if (chunk < 0 || chunk >= size) {
            throw new IndexOutOfBoundsException("chunk " + chunk + " of " + size);
        }
        return chunk;
    }

    // ---------------------------------------------------------------- encoding

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encodedSize());
        try {
            writeTo(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        return out.toByteArray();
    }

    public int encodedSize() {
        long bytes = 2 + Varint.size(size);
        for (int i = 0; i < size; i++) {
            bytes += Varint.size(lengths[i]) + HASH_BYTES;
        }
        return Math.toIntExact(bytes);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(FORMAT_VERSION);
        out.write(Chunker.CHUNKER_ID);
        Varint.write(out, size);
        byte[] id = new byte[HASH_BYTES];
        for (int i = 0; i < size; i++) {
            Varint.write(out, lengths[i]);
            for (int b = 0; b < 8; b++) {
                id[b] = (byte) (high[i] >>> (56 - 8 * b));
                id[8 + b] = (byte) (low[i] >>> (56 - 8 * b));
            }
            out.write(id);
        }
    }

    public static ChunkList decode(byte[] encoded) throws DeltaException {
        try {
            return read(new ByteArrayInputStream(encoded));
        }
        catch (DeltaException e) {
            throw e;
        }
        catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
    }

    /**
     * Reads one encoded list from the stream and checks that the stream ends there. Memory grows
     * with the bytes actually read, never with the declared count alone.
     */
    public static ChunkList read(InputStream in) throws IOException {
        int version = in.read();
        if (version != FORMAT_VERSION) {
            throw malformed(version < 0 ? "empty input" : "unknown format version " + version);
        }
        int chunker = in.read();
        if (chunker != Chunker.CHUNKER_ID) {
            throw malformed(chunker < 0 ? "input ends before the chunker id" : "unknown chunker id " + chunker);
        }
        long count = varint(in, "chunk count");
        if (count > Integer.MAX_VALUE - 8) {
            throw malformed("chunk count " + count + " is out of range");
        }
        int capacity = (int) Math.min(count, INITIAL_CAPACITY);
        long[] high = new long[capacity];
        long[] low = new long[capacity];
        int[] lengths = new int[capacity];
        byte[] id = new byte[HASH_BYTES];
        for (int i = 0; i < count; i++) {
            long length = varint(in, "length of chunk " + i);
            if (length < 1 || length > Chunker.MAX_SIZE) {
                throw malformed("chunk " + i + " has length " + length + ", not 1.." + Chunker.MAX_SIZE);
            }
            if (in.readNBytes(id, 0, HASH_BYTES) != HASH_BYTES) {
                throw malformed("input ends inside the id of chunk " + i + " of " + count);
            }
            if (i == high.length) {
                int grown = (int) Math.min(count, 2L * high.length);
                high = Arrays.copyOf(high, grown);
                low = Arrays.copyOf(low, grown);
                lengths = Arrays.copyOf(lengths, grown);
            }
            high[i] = longAt(id, 0);
            low[i] = longAt(id, 8);
            lengths[i] = (int) length;
        }
        if (in.read() >= 0) {
            throw malformed("bytes follow the last of " + count + " chunks");
        }
        return new ChunkList(high, low, lengths, (int) count);
    }

    private static long varint(InputStream in, String what) throws IOException {
        try {
            return Varint.read(in, what);
        }
        catch (DeltaException e) {
            throw malformed(e.getMessage());
        }
    }

    private static DeltaException malformed(String message) {
        return new DeltaException(DeltaException.Reason.MALFORMED, "bad chunk list: " + message);
    }

    static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int b = 0; b < 8; b++) {
            value = (value << 8) | (bytes[offset + b] & 0xFF);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ChunkList list) || list.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (list.high[i] != high[i] || list.low[i] != low[i] || list.lengths[i] != lengths[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = size;
        for (int i = 0; i < size; i++) {
            hash = 31 * hash + (int) (high[i] ^ low[i]) + lengths[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return "ChunkList[" + size + " chunks, " + totalLength + " bytes]";
    }

    // ---------------------------------------------------------------- building

    /** Collects chunks in order, as a {@link Chunker.Sink} does with their ids. */
    public static final class Builder {

        private long[] high = new long[64];

        private long[] low = new long[64];

        private int[] lengths = new int[64];

        private int size;

        public Builder add(long idHigh, long idLow, int length) {
            if (length < 1 || length > Chunker.MAX_SIZE) {
                throw new IllegalArgumentException("chunk length " + length + " is not 1.." + Chunker.MAX_SIZE);
            }
            if (size == high.length) {
                high = Arrays.copyOf(high, size * 2);
                low = Arrays.copyOf(low, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
            }
            high[size] = idHigh;
            low[size] = idLow;
            lengths[size] = length;
            size++;
            return this;
        }

        public ChunkList build() {
            return size == 0 ? EMPTY
                    : new ChunkList(Arrays.copyOf(high, size), Arrays.copyOf(low, size), Arrays.copyOf(lengths, size), size);
        }
    }
}
