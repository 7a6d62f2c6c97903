package io.foldersync.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import io.foldersync.apply.Stager;
import io.foldersync.compression.CompressedContentException;
import io.foldersync.compression.WireCompression;
import io.foldersync.delta.DeltaException;
import io.foldersync.delta.RecipeApplier;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.ContentSpool;
import io.foldersync.protocol.Encoding;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Features;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;

/**
 * Turns a FILE_UPDATE's content back into the file while it is staged ({@link Stager}): plain
 * content is copied, zstd decompressed within the declared length, a delta recipe applied to the
 * receiver's own file at the path. The staged result is then checked against the announced
 * SHA-256 like any received file. A delta that does not fit (another base, a result that hashes
 * otherwise, a recipe that makes no sense) is refused with {@link ErrorCode#DELTA_FAILED} and
 * nothing is written: the caller gets the whole file instead. Compressed content that is not
 * what it claims is refused as a {@link ErrorCode#BAD_FRAME}.
 */
public final class Decoder {

    private final Limits limits;

    private final Path spoolDirectory;

    public Decoder(Limits limits, Path spoolDirectory) {
        this.limits = limits;
        this.spoolDirectory = spoolDirectory;
    }

    /**
     * @param baseFile this side's file at the update's path: what a delta copies from
     * @param agreed the features the sender agreed: an encoding it did not agree is refused
     */
    public Stager.Received receive(Stager stager, SyncMessage.FileUpdate update, Content content, Path baseFile,
            Set<String> agreed) throws IOException {
        String encoding = update.encoding();
        if (encoding == null) {
            return stager.receive(content, update.sha256());
        }
        String needed = Encoding.delta(encoding) ? Features.DELTA
                : Features.ZSTD;
        if (!agreed.contains(needed) || (Encoding.DELTA_ZSTD.equals(encoding)
                && !agreed.contains(Features.ZSTD))) {
            return refused(ErrorCode.BAD_FRAME, "encoding " + encoding + " was not agreed in the handshake");
        }
        long size = update.size();
        if (size > limits.maxContentBytes()) {
            return refused(ErrorCode.TOO_LARGE, "the file has " + size + " bytes, more than max-file-bytes");
        }
        try {
            if (Encoding.ZSTD.equals(encoding)) {
                if (update.rawLength() != size) {
                    return refused(ErrorCode.BAD_FRAME, "rawLength " + update.rawLength() + " is not the size " + size);
                }
                return stager.receive(size, out -> WireCompression.decompress(content.open(), size,
                        limits.maxContentBytes(), out), update.sha256());
            }
            return applyDelta(stager, update, content, baseFile);
        }
        catch (CompressedContentException e) {
            return refused(ErrorCode.BAD_FRAME, e.getMessage());
        }
        catch (DeltaException e) {
            return refused(e.reason() == DeltaException.Reason.TOO_LARGE ? ErrorCode.TOO_LARGE : ErrorCode.DELTA_FAILED,
                    "delta not usable: " + e.getMessage());
        }
    }

    private Stager.Received applyDelta(Stager stager, SyncMessage.FileUpdate update, Content content, Path baseFile)
            throws IOException {
        Content recipe = Encoding.compressed(update.encoding()) ? decompressed(content, update.rawLength()) : content;
        try {
            Stager.Received received = stager.receive(update.size(), out -> {
                try (SeekableByteChannel base = openBase(baseFile); InputStream in = recipe.open()) {
                    RecipeApplier.apply(in, base, update.deltaBase(), out, limits.maxContentBytes());
                }
            }, update.sha256());
            if (received.refusal() == ErrorCode.HASH_MISMATCH) {
                return refused(ErrorCode.DELTA_FAILED, "the rebuilt file does not match sha256");
            }
            return received;
        }
        finally {
            if (recipe != content) {
                recipe.release();
            }
        }
    }

    private Content decompressed(Content compressed, long rawLength) throws IOException {
        ContentSpool spool = new ContentSpool(limits.inMemoryContentBytes(), spoolDirectory);
        try {
            WireCompression.decompress(compressed.open(), rawLength, maxRecipeBytes(), spool);
            return spool.toContent();
        }
        catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        }
    }

    /** A recipe is the new content's new bytes plus a few bytes per copied range. */
    private long maxRecipeBytes() {
        long max = limits.maxContentBytes();
        return max + max / 16 + 64 * 1024;
    }

    private static SeekableByteChannel openBase(Path file) throws DeltaException {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new DeltaException(DeltaException.Reason.BASE_MISMATCH, "there is no file to apply it to");
            }
            return Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }
        catch (DeltaException e) {
            throw e;
        }
        catch (IOException e) {
            throw new DeltaException(DeltaException.Reason.BASE_MISMATCH, "the file to apply it to cannot be read: "
                    + e.getMessage());
        }
    }

    private static Stager.Received refused(ErrorCode code, String reason) {
        return new Stager.Received(null, code, reason);
    }
}
