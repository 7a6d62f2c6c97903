package io.foldersync.delta;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rebuilds a target version from the receiver's base and a recipe (see {@link RecipeFormat}),
 * streaming into an output (a temporary file) and inspecting the result in the same pass, so
 * the receiver gets the facts it records (hash, text, and the chunk list when the result is at
 * least {@link ContentInspector#CHUNKED_FROM_BYTES}) without reading the file again.
 *
 * <p>Nothing here can produce a wrong file unnoticed: the recipe must name the base the caller
 * has, every length is checked against the base and the declared target before it is used, and
 * the result must hash to the declared SHA-256. Any failure is a {@link DeltaException}; the
 * output is then garbage and the caller deletes it and asks for the whole file.
 */
public final class RecipeApplier {

    private static final int BUFFER = 64 * 1024;

    private final InputStream recipe;

    private final SeekableByteChannel base;

    private final OutputStream out;

    private ContentInspector inspector;

    private final byte[] buffer = new byte[BUFFER];

    private RecipeApplier(InputStream recipe, SeekableByteChannel base, OutputStream out) {
        this.recipe = recipe;
        this.base = base;
        this.out = out;
    }

    /** As {@link #apply(InputStream, SeekableByteChannel, String, OutputStream, long)}, with the base file opened here. */
    public static ContentInspector.Inspection apply(InputStream recipe, Path base, String baseSha256,
            OutputStream out, long maxTargetBytes) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(base, StandardOpenOption.READ)) {
            return apply(recipe, channel, baseSha256, out, maxTargetBytes);
        }
    }

    /**
     * Applies a recipe. The recipe is read to its end (not closed); {@code out} is written, not
     * flushed or closed.
     *
     * @param baseSha256 the SHA-256 the caller knows its base to have; the recipe must refer to it
     * @param maxTargetBytes the largest result accepted (the side's max-file-bytes)
     * @return the inspection of the result, whose SHA-256 is the recipe's target SHA-256
     */
    public static ContentInspector.Inspection apply(InputStream recipe, SeekableByteChannel base, String baseSha256,
            OutputStream out, long maxTargetBytes) throws IOException {
        return new RecipeApplier(new BufferedInputStream(recipe, BUFFER), base, out).run(baseSha256, maxTargetBytes);
    }

    private ContentInspector.Inspection run(String baseSha256, long maxTargetBytes) throws IOException {
        RecipeFormat.Header header = RecipeFormat.readHeader(recipe);
        if (header.targetLength() > maxTargetBytes) {
            throw new DeltaException(DeltaException.Reason.TOO_LARGE, "the recipe builds " + header.targetLength()
                    + " bytes, more than the " + maxTargetBytes + " allowed");
        }
        if (!header.baseSha256().equals(baseSha256)) {
            throw new DeltaException(DeltaException.Reason.BASE_MISMATCH, "the recipe refers to base "
                    + header.baseSha256() + ", this side has " + baseSha256);
        }
        if (base.size() != header.baseLength()) {
            throw new DeltaException(DeltaException.Reason.BASE_MISMATCH, "the recipe refers to a base of "
                    + header.baseLength() + " bytes, the file here has " + base.size());
        }
        // the result gets a chunk list where a file of its size would (it becomes the next base)
        inspector = new ContentInspector(header.targetLength() >= ContentInspector.CHUNKED_FROM_BYTES);
        long produced = 0;
        while (true) {
            int op = recipe.read();
            if (op == RecipeFormat.END) {
                break;
            }
            if (op == RecipeFormat.COPY) {
                long offset = RecipeFormat.varint(recipe, "copy offset");
                long length = RecipeFormat.varint(recipe, "copy length");
                if (length < 1 || offset > header.baseLength() || length > header.baseLength() - offset) {
                    throw RecipeFormat.malformed("copy of [" + offset + ", +" + length + ") outside the base of "
                            + header.baseLength() + " bytes");
                }
                produced = grow(produced, length, header);
                copy(offset, length);
            }
            else if (op == RecipeFormat.DATA) {
                long length = RecipeFormat.varint(recipe, "data length");
                if (length < 1 || length > RecipeFormat.MAX_DATA_LENGTH) {
                    throw RecipeFormat.malformed("data run of " + length + " bytes, not 1.." + RecipeFormat.MAX_DATA_LENGTH);
                }
                produced = grow(produced, length, header);
                data((int) length);
            }
            else {
                throw RecipeFormat.malformed(op < 0 ? "input ends before END, after " + produced + " of "
                        + header.targetLength() + " bytes" : "unknown operation " + op);
            }
        }
        if (produced != header.targetLength()) {
            throw RecipeFormat.malformed("END after " + produced + " of " + header.targetLength() + " bytes");
        }
        if (recipe.read() >= 0) {
            throw RecipeFormat.malformed("bytes follow END");
        }
        ContentInspector.Inspection result = inspector.finish();
        if (!result.sha256().equals(header.targetSha256())) {
            throw new DeltaException(DeltaException.Reason.RESULT_MISMATCH, "the rebuilt content hashes to "
                    + result.sha256() + ", the recipe promised " + header.targetSha256());
        }
        return result;
    }

    private static long grow(long produced, long length, RecipeFormat.Header header) throws DeltaException {
        if (length > header.targetLength() - produced) {
            throw RecipeFormat.malformed("operations produce more than the declared " + header.targetLength() + " bytes");
        }
        return produced + length;
    }

    private void copy(long offset, long length) throws IOException {
        base.position(offset);
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long left = length;
        while (left > 0) {
            wrapped.clear().limit((int) Math.min(buffer.length, left));
            int n = base.read(wrapped);
            if (n < 0) {
                throw new DeltaException(DeltaException.Reason.BASE_MISMATCH, "the base ended while a copy read it");
            }
            emit(n);
            left -= n;
        }
    }

    private void data(int length) throws IOException {
        int left = length;
        while (left > 0) {
            int n = recipe.read(buffer, 0, Math.min(buffer.length, left));
            if (n < 0) {
                throw RecipeFormat.malformed("input ends inside a data run");
            }
            emit(n);
            left -= n;
        }
    }

    private void emit(int n) throws IOException {
        out.write(buffer, 0, n);
        inspector.update(buffer, 0, n);
    }
}
