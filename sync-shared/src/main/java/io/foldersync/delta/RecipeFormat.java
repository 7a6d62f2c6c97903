package io.foldersync.delta;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The binary format of a recipe: how to rebuild a target version from a base version the
 * receiver has. Version 1:
 * <pre>
 * 4 bytes   magic "FSDR" (46 53 44 52)
 * byte      format version (1)
 * varint    base length          the base the copies refer to:
 * 32 bytes  base SHA-256         the receiver checks it has exactly this
 * varint    target length        at most the receiver's max-file-bytes
 * 32 bytes  target SHA-256       the rebuilt content must hash to this, or it is thrown away
 * then operations, each a one-byte code:
 *   01 COPY  varint offset, varint length    base bytes [offset, offset+length), length >= 1
 *   02 DATA  varint length, length bytes     new bytes, 1 <= length <= {@value #MAX_DATA_LENGTH}
 *   00 END                                   nothing may follow
 * </pre>
 * Varints are unsigned LEB128 in their shortest form (see {@code Varint}). Every length is bounded
 * before it is used: a copy must lie inside the base, and the operations together must produce
 * exactly the target length, never more; a data run is copied through a fixed buffer, never
 * allocated whole. Adjacent copies are coalesced by the writer, so an unchanged 2 GB file is one
 * COPY.
 */
public final class RecipeFormat {

    static final byte[] MAGIC = "FSDR".getBytes(StandardCharsets.US_ASCII);

    public static final int VERSION = 1;

    static final int END = 0x00;

    static final int COPY = 0x01;

    static final int DATA = 0x02;

    /** Longest DATA run; the writer emits one per unmatched chunk, at most {@link Chunker#MAX_SIZE}. */
    public static final int MAX_DATA_LENGTH = 1024 * 1024;

    private static final int SHA256_BYTES = 32;

    private RecipeFormat() {
    }

    /** What a recipe says before its operations. Hashes are lower-case hex. */
    public record Header(long baseLength, String baseSha256, long targetLength, String targetSha256) {

        public Header {
            if (baseLength < 0 || targetLength < 0) {
                throw new IllegalArgumentException("negative length");
            }
            checkSha256(baseSha256);
            checkSha256(targetSha256);
        }
    }

    static void writeHeader(OutputStream out, Header header) throws IOException {
        out.write(MAGIC);
        out.write(VERSION);
        Varint.write(out, header.baseLength());
        out.write(HexFormat.of().parseHex(header.baseSha256()));
        Varint.write(out, header.targetLength());
        out.write(HexFormat.of().parseHex(header.targetSha256()));
    }

    /** Reads and checks the header; the stream is then at the first operation. */
    public static Header readHeader(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw malformed("not a recipe (no FSDR magic)");
        }
        int version = in.read();
        if (version != VERSION) {
            throw malformed(version < 0 ? "input ends before the version" : "unknown recipe version " + version);
        }
        long baseLength = varint(in, "base length");
        String baseSha256 = readSha256(in, "base SHA-256");
        long targetLength = varint(in, "target length");
        String targetSha256 = readSha256(in, "target SHA-256");
        return new Header(baseLength, baseSha256, targetLength, targetSha256);
    }

    private static String readSha256(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes(SHA256_BYTES);
        if (bytes.length != SHA256_BYTES) {
            throw malformed("input ends inside the " + what);
        }
        return HexFormat.of().formatHex(bytes);
    }

    static void checkSha256(String sha256) {
        if (sha256 == null || sha256.length() != 2 * SHA256_BYTES || !sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
    }

    /** A varint of the recipe; {@code what} names it in the error. */
    static long varint(InputStream in, String what) throws IOException {
        try {
            return Varint.read(in, what);
        }
        catch (DeltaException e) {
            throw malformed(e.getMessage());
        }
    }

    static DeltaException malformed(String message) {
        return new DeltaException(DeltaException.Reason.MALFORMED, "bad recipe: " + message);
    }
}
