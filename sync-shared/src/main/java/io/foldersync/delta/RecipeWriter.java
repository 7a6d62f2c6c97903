package io.foldersync.delta;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.foldersync.files.TextFiles;

/**
 * Builds a recipe (see {@link RecipeFormat}) on the side that has the new content: every chunk of
 * the new content whose id is in the base's chunk list becomes a copy of the base's bytes
 * (adjacent copies merged into one range), every other chunk a data run. Two ways give the same
 * bytes: chunking the new content while reading it all (checked against its SHA-256 on the way),
 * or from its chunk list, reading only the chunks that travel as data.
 * The base list comes from this side's state database (the version both sides last had in sync)
 * or from the receiver (its current version, when the sides' bases differ): the recipe is the
 * same either way.
 *
 * <p>Memory: the base list, the chunker's buffer and a write buffer, whatever the file's size.
 * The content is checked against the declared length and SHA-256 while it is read; a file that
 * changed since it was inspected fails with {@link DeltaException.Reason#CONTENT_CHANGED} (the
 * caller throws the partial recipe away and inspects again).
 */
public final class RecipeWriter {

    /**
     * What the recipe holds; {@code recipeBytes} is its encoded size, {@code target} the new
     * content's chunk list (what the next recipe copies from, once the receiver has it).
     */
    public record Summary(long copiedBytes, long literalBytes, long copies, long literals, long recipeBytes,
            ChunkList target) {
    }

    private static final int READ_BUFFER = 64 * 1024;

    private final ChunkList base;

    private final Counting counted;

    private final OutputStream out;

    private final ChunkIds ids = new ChunkIds();

    /** The new content's chunks, when they are found here (the streaming form). */
    private final ChunkList.Builder targetChunks = new ChunkList.Builder();

    private long pendingOffset = -1;

    private long pendingLength;

    /** The base chunk after the last copied one: a repeated chunk is taken from there first. */
    private int nextBaseChunk;

    private long copiedBytes;

    private long literalBytes;

    private long copies;

    private long literals;

    private RecipeWriter(ChunkList base, OutputStream sink) {
        this.base = base;
        this.counted = new Counting(sink);
        this.out = new BufferedOutputStream(counted, READ_BUFFER);
    }

    /**
     * Writes the recipe that turns the content {@code base} describes into {@code target}. The
     * stream {@code out} is flushed, not closed; on an exception its content is garbage.
     *
     * @param target the new content, read to its end (not closed)
     * @param targetLength its length, as inspected
     * @param targetSha256 its SHA-256, as inspected
     * @param base the chunk list of the receiver's base
     * @param baseSha256 the SHA-256 of that base
     */
    public static Summary write(InputStream target, long targetLength, String targetSha256,
            ChunkList base, String baseSha256, OutputStream out) throws IOException {
        RecipeWriter writer = new RecipeWriter(base, out);
        RecipeFormat.writeHeader(writer.out,
                new RecipeFormat.Header(base.totalLength(), baseSha256, targetLength, targetSha256));
        MessageDigest sha256 = TextFiles.sha256Digest();
        Chunker chunker = new Chunker(writer::chunk);
        byte[] buffer = new byte[READ_BUFFER];
        long read = 0;
        int n;
        while ((n = target.read(buffer)) >= 0) {
            read += n;
            if (read > targetLength) {
                throw changed("the content grew past its inspected length " + targetLength);
            }
            sha256.update(buffer, 0, n);
            chunker.update(buffer, 0, n);
        }
        chunker.finish();
        writer.flushCopy();
        writer.out.write(RecipeFormat.END);
        writer.out.flush();
        if (read != targetLength) {
            throw changed("the content has " + read + " bytes, inspected " + targetLength);
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equals(targetSha256)) {
            throw changed("the content no longer hashes to its inspected SHA-256");
        }
        return new Summary(writer.copiedBytes, writer.literalBytes, writer.copies, writer.literals,
                writer.counted.count, writer.targetChunks.build());
    }

    /**
     * Writes the same recipe from the new version's chunk list (kept since it was inspected),
     * reading only the chunks the base lacks: for a small edit of a large file that is a few KB
     * instead of the whole file. The new content is not re-hashed here, so a file changed since
     * its inspection without changing its length gives a recipe whose result fails the receiver's
     * SHA-256 check (a fallback, never a wrong file); the caller should also check size and
     * modification time before trusting the list.
     *
     * @param target the new content's chunk list, from its inspection
     * @param targetContent the new content, read at the offsets of the chunks that travel as data
     */
    public static Summary write(ChunkList target, String targetSha256, SeekableByteChannel targetContent,
            ChunkList base, String baseSha256, OutputStream out) throws IOException {
        if (targetContent.size() != target.totalLength()) {
            throw changed("the content has " + targetContent.size() + " bytes, its chunk list " + target.totalLength());
        }
        RecipeWriter writer = new RecipeWriter(base, out);
        RecipeFormat.writeHeader(writer.out,
                new RecipeFormat.Header(base.totalLength(), baseSha256, target.totalLength(), targetSha256));
        byte[] buffer = new byte[Chunker.MAX_SIZE];
        for (int i = 0; i < target.size(); i++) {
            int length = target.length(i);
            if (!writer.copy(target.high(i), target.low(i), length)) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, length);
                targetContent.position(target.offset(i));
                while (chunk.hasRemaining()) {
                    if (targetContent.read(chunk) < 0) {
                        throw changed("the content ended inside chunk " + i);
                    }
                }
                writer.data(buffer, 0, length);
            }
        }
        writer.flushCopy();
        writer.out.write(RecipeFormat.END);
        writer.out.flush();
        return new Summary(writer.copiedBytes, writer.literalBytes, writer.copies, writer.literals,
                writer.counted.count, target);
    }

    private void chunk(byte[] bytes, int offset, int length) throws IOException {
        ids.hash(bytes, offset, length);
        targetChunks.add(ids.high, ids.low, length);
        if (!copy(ids.high, ids.low, length)) {
            data(bytes, offset, length);
        }
    }

    /** Adds the chunk as a copy when the base has it; false when it must travel as data. */
    private boolean copy(long idHigh, long idLow, int length) throws IOException {
        int match = nextBaseChunk < base.size() && base.sameId(nextBaseChunk, idHigh, idLow)
                ? nextBaseChunk
                : base.indexOf(idHigh, idLow);
        if (match < 0 || base.length(match) != length) {
            return false;
        }
        long baseOffset = base.offset(match);
        if (pendingOffset >= 0 && pendingOffset + pendingLength == baseOffset) {
            pendingLength += length;
        }
        else {
            flushCopy();
            pendingOffset = baseOffset;
            pendingLength = length;
            copies++;
        }
        nextBaseChunk = match + 1;
        copiedBytes += length;
        return true;
    }

    private void data(byte[] bytes, int offset, int length) throws IOException {
        flushCopy();
        out.write(RecipeFormat.DATA);
        Varint.write(out, length);
        out.write(bytes, offset, length);
        literals++;
        literalBytes += length;
    }

    private void flushCopy() throws IOException {
        if (pendingOffset >= 0) {
            out.write(RecipeFormat.COPY);
            Varint.write(out, pendingOffset);
            Varint.write(out, pendingLength);
            pendingOffset = -1;
            pendingLength = 0;
        }
    }

    private static DeltaException changed(String message) {
        return new DeltaException(DeltaException.Reason.CONTENT_CHANGED, message);
    }

    /** Counts what reaches the caller's stream. */
    private static final class Counting extends FilterOutputStream {

        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
