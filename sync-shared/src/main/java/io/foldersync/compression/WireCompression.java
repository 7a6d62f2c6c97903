package io.foldersync.compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

import io.foldersync.protocol.Content;
import io.foldersync.protocol.ContentSpool;
import io.foldersync.protocol.Limits;

/**
 * zstd for file content on the wire. The sender asks {@link #compress} and sends the plain
 * content when it answers empty; the receiver knows the plain length from the frame header
 * ({@code rawLength}) and {@link #decompress}es within hard bounds.
 *
 * <p>When it pays: content under {@value #MIN_BYTES} bytes is sent as it is (a frame header and
 * zstd's own frame overhead eat most of the gain, and many small frames cost CPU for nothing);
 * larger content is sent compressed only if that saves at least a tenth. Large content is judged
 * on a {@value #SAMPLE_BYTES}-byte sample first, so an incompressible gigabyte is not compressed
 * in vain.
 *
 * <p>Bounds: the declared plain length must not exceed {@code max-file-bytes} (refused before
 * anything is read), the content must decompress to exactly that length (decompression stops one
 * byte past it: a zip bomb costs at most that much work and no memory beyond fixed buffers), and
 * the decoder accepts no window above 2^{@value #MAX_WINDOW_LOG} bytes (8 MiB), so a crafted frame
 * cannot make it allocate more native memory. Content above {@link Limits#inMemoryContentBytes()}
 * streams through spool files, compressed or not; nothing above that is ever one array.
 *
 * <p>One instance keeps a compression and a decompression context (native memory reused across
 * files, which matters for thousands of small ones); it is meant for one sending thread, and
 * {@code synchronized} where it uses them, so sharing it is only slower. Close it when done.
 */
public final class WireCompression implements AutoCloseable {

    /** The level the measurements in src-docs/performance-notes.md argue for. */
    public static final int DEFAULT_LEVEL = 1;

    public static final int MIN_BYTES = 4 * 1024;

    static final int SAMPLE_BYTES = 64 * 1024;

    /** Encoder window: zstd's own choice for levels up to 3 on large input is 2^21 at most. */
    static final int WINDOW_LOG = 21;

    static final int MAX_WINDOW_LOG = 23;

    private static final int BUFFER = 64 * 1024;

    private final int level;

    private final Limits limits;

    private final Path spoolDirectory;

    private final ZstdCompressCtx compressor = new ZstdCompressCtx();

    private final ZstdDecompressCtx decompressor = new ZstdDecompressCtx();

    public WireCompression(int level, Limits limits, Path spoolDirectory) {
        if (level < Zstd.minCompressionLevel() || level > 19) {
            throw new IllegalArgumentException("zstd level " + level + " is not " + Zstd.minCompressionLevel() + "..19");
        }
        this.level = level;
        this.limits = limits;
        this.spoolDirectory = spoolDirectory;
        compressor.setLevel(level);
        compressor.setWindowLog(WINDOW_LOG);
    }

    /** Whether compressed content saves enough to be worth sending. */
    static boolean pays(long rawLength, long compressedLength) {
        return rawLength >= MIN_BYTES && compressedLength <= rawLength - rawLength / 10;
    }

    // ---------------------------------------------------------------- sending

    /**
     * The compressed form of {@code raw}, or empty when compression does not pay (send
     * {@code raw} as it is). The caller releases the returned content once it is sent.
     */
    public Optional<Content> compress(Content raw) throws IOException {
        long rawLength = raw.length();
        if (rawLength < MIN_BYTES) {
            return Optional.empty();
        }
        if (raw instanceof Content.Bytes bytes && rawLength <= limits.inMemoryContentBytes()) {
            byte[] compressed = compressBytes(bytes.bytes(), bytes.bytes().length);
            return pays(rawLength, compressed.length) ? Optional.of(Content.of(compressed)) : Optional.empty();
        }
        try (InputStream in = raw.open()) {
            byte[] sample = in.readNBytes(SAMPLE_BYTES);
            if (!pays(sample.length, compressBytes(sample, sample.length).length)) {
                return Optional.empty();
            }
        }
        ContentSpool spool = new ContentSpool(limits.inMemoryContentBytes(), spoolDirectory);
        try {
            try (InputStream in = raw.open();
                    ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(spool, level)) {
                zstd.setWindowLog(WINDOW_LOG);
                byte[] buffer = new byte[BUFFER];
                long copied = 0;
                int n;
                while (copied < rawLength && (n = in.read(buffer, 0, (int) Math.min(buffer.length, rawLength - copied))) >= 0) {
                    zstd.write(buffer, 0, n);
                    copied += n;
                }
                if (copied != rawLength) {
                    throw new IOException("content ended after " + copied + " of " + rawLength + " bytes");
                }
            }
            if (!pays(rawLength, spool.length())) {
                spool.discard();
                return Optional.empty();
            }
            return Optional.of(spool.toContent());
        }
        catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        }
    }

    private synchronized byte[] compressBytes(byte[] raw, int length) {
        byte[] out = new byte[(int) Zstd.compressBound(length)];
        int size = compressor.compressByteArray(out, 0, out.length, raw, 0, length);
        return Arrays.copyOf(out, size);
    }

    // ---------------------------------------------------------------- receiving

    /**
     * The plain content of {@code compressed}, which must be exactly {@code rawLength} bytes.
     * Held in memory up to the in-memory limit, spooled beyond it.
     */
    public Content decompress(Content compressed, long rawLength) throws IOException {
        checkDeclared(rawLength, limits.maxContentBytes());
        if (rawLength <= limits.inMemoryContentBytes() && compressed instanceof Content.Bytes bytes) {
            return Content.of(decompressBytes(bytes.bytes(), (int) rawLength));
        }
        ContentSpool spool = new ContentSpool(limits.inMemoryContentBytes(), spoolDirectory);
        try {
            decompress(compressed.open(), rawLength, limits.maxContentBytes(), spool);
            return spool.toContent();
        }
        catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        }
    }

    private synchronized byte[] decompressBytes(byte[] compressed, int rawLength) throws CompressedContentException {
        byte[] out = new byte[rawLength];
        int size;
        try {
            // a frame that holds more than rawLength does not fit and fails here
            size = decompressor.decompressByteArray(out, 0, rawLength, compressed, 0, compressed.length);
        }
        catch (ZstdException e) {
            throw corrupt("not valid zstd content of " + rawLength + " bytes: " + e.getMessage(), e);
        }
        if (size != rawLength) {
            throw corrupt("decompresses to " + size + " bytes, declared " + rawLength, null);
        }
        return out;
    }

    /**
     * Streams {@code compressed} (read to its end and closed) into {@code out}, which receives at
     * most {@code rawLength} bytes; anything else than exactly that many is refused.
     */
    public static void decompress(InputStream compressed, long rawLength, long maxRawBytes, OutputStream out)
            throws IOException {
        checkDeclared(rawLength, maxRawBytes);
        long total = 0;
        try (ZstdInputStreamNoFinalizer in = new ZstdInputStreamNoFinalizer(compressed)) {
            in.setLongMax(MAX_WINDOW_LOG);
            byte[] buffer = new byte[BUFFER];
            while (true) {
                // asking for one byte more than may come is how a bomb shows itself
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, rawLength - total + 1));
                if (n < 0) {
                    break;
                }
                total += n;
                if (total > rawLength) {
                    throw corrupt("decompresses to more than the declared " + rawLength + " bytes", null);
                }
                out.write(buffer, 0, n);
            }
        }
        catch (ZstdIOException | ZstdException e) {
            throw corrupt("not valid zstd content (after " + total + " of " + rawLength + " bytes): " + e.getMessage(), e);
        }
        if (total != rawLength) {
            throw corrupt("decompresses to " + total + " bytes, declared " + rawLength, null);
        }
    }

    private static void checkDeclared(long rawLength, long maxRawBytes) throws CompressedContentException {
        if (rawLength < 0 || rawLength > maxRawBytes) {
            throw new CompressedContentException("declared plain length " + rawLength + " is not 0.." + maxRawBytes,
                    true, null);
        }
    }

    private static CompressedContentException corrupt(String message, Throwable cause) {
        return new CompressedContentException("compressed content refused: " + message, false, cause);
    }

    @Override
    public synchronized void close() {
        compressor.close();
        decompressor.close();
    }
}
