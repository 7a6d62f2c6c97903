package io.foldersync.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.compression.WireCompression;
import io.foldersync.delta.ChunkList;
import io.foldersync.delta.ContentInspector;
import io.foldersync.delta.RecipeWriter;
import io.foldersync.files.FileSnapshot;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.ContentSpool;
import io.foldersync.protocol.Encoding;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;

/**
 * Picks the form a file travels in. A delta when the peer agreed it, this side knows the chunk
 * list of the receiver's base and the recipe is at most {@value #DELTA_AT_MOST_PERCENT} % of the
 * file (otherwise it saves too little for the receiver's extra work); then zstd over whatever
 * goes, when agreed and {@link WireCompression} finds that it pays. Any problem building a delta
 * sends the file whole: a delta is only ever an optimisation.
 *
 * <p>One instance serves a side; the compressor inside is shared (its methods are synchronized).
 */
public final class Encoder implements AutoCloseable {

    private static final Log log = LogFactory.getLog(Encoder.class);

    static final int DELTA_AT_MOST_PERCENT = 80;

    private final Limits limits;

    private final Path spoolDirectory;

    private final WireCompression compression;

    public Encoder(Limits limits, Path spoolDirectory) {
        this.limits = limits;
        this.spoolDirectory = spoolDirectory;
        this.compression = new WireCompression(WireCompression.DEFAULT_LEVEL, limits, spoolDirectory);
    }

    /**
     * The frame for one file, and the file's chunk list when it was computed (always for a large
     * file with {@code wantChunks}: the sender records it as the next base once the peer has it).
     *
     * @param plain the FILE_UPDATE as it goes without encoding
     * @param snapshot the file as read for this send
     * @param base what the receiver is believed to hold, or null
     */
    public Encoded encode(SyncMessage.FileUpdate plain, FileSnapshot snapshot, Base base, Peer peer,
            boolean wantChunks) throws IOException {
        Content body = snapshot.content();
        long size = snapshot.size();
        boolean large = size >= ContentInspector.CHUNKED_FROM_BYTES;
        ChunkList chunks = null;
        String encoding = null;
        String deltaBase = null;
        if (peer.delta() && large && base != null && base.usable() && !base.sha256().equals(snapshot.sha256())) {
            ContentSpool recipe = new ContentSpool(limits.inMemoryContentBytes(), spoolDirectory);
            try (InputStream in = body.open()) {
                RecipeWriter.Summary summary = RecipeWriter.write(in, size, snapshot.sha256(), base.chunks(),
                        base.sha256(), recipe);
                chunks = summary.target();
                if (summary.recipeBytes() * 100 <= size * DELTA_AT_MOST_PERCENT) {
                    body = recipe.toContent();
                    encoding = Encoding.DELTA;
                    deltaBase = base.sha256();
                }
                else {
                    recipe.discard();
                }
            }
            catch (IOException e) {
                // the file changed while it was read, or the spool failed: the whole file goes
                recipe.discard();
                chunks = null;
                log.debug("no delta for " + plain.path() + ": " + e.getMessage());
            }
        }
        if (chunks == null && wantChunks && large) {
            try (InputStream in = snapshot.content().open()) {
                ContentInspector.Inspection inspection = ContentInspector.inspect(in, true);
                chunks = inspection.sha256().equals(snapshot.sha256()) ? inspection.chunks() : null;
            }
        }
        Long rawLength = null;
        if (peer.zstd()) {
            Optional<Content> compressed = compression.compress(body);
            if (compressed.isPresent()) {
                rawLength = body.length();
                if (body != snapshot.content()) {
                    body.release(); // the recipe, now compressed
                }
                body = compressed.get();
                encoding = encoding == null ? Encoding.ZSTD : Encoding.DELTA_ZSTD;
            }
        }
        SyncMessage.FileUpdate header = encoding == null ? plain : plain.encoded(encoding, size, rawLength, deltaBase);
        return new Encoded(new Frame(header, body), chunks);
    }

    /** A file's frame, and its chunk list when one was computed (null otherwise). */
    public record Encoded(Frame frame, ChunkList chunks) {
    }

    @Override
    public void close() {
        compression.close();
    }
}
