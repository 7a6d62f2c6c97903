package io.foldersync.delta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.foldersync.files.TextCheck;
import io.foldersync.files.TextFiles;

/**
 * Everything the engine needs to know about a file's content, from one pass over it: the
 * whole-file SHA-256, the size, whether it is text ({@link TextCheck}: the rule of
 * {@link TextFiles}) and, for text, its chunk list. Fed piece by piece ({@link #update}) so the
 * same pass can also be a write: a receive, a recipe being applied.
 *
 * <p>The chunk list costs a second SHA-256 pass (one per chunk): one pass with it runs at about
 * 40 % of the speed of one without (see src-docs/performance-notes.md). So it is computed only
 * where a delta can pay: not for content that is not text (never synced, so never a base), and,
 * when inspecting a file, not for files under {@value #CHUNKED_FROM_BYTES} bytes, which a delta
 * would shrink by a few KB at most (an edit costs about one 8 KiB chunk, and the whole file,
 * compressed, is about that). {@link Inspection#chunks()} is then {@code null}.
 */
public final class ContentInspector {

    /**
     * @param sha256 lower-case hex SHA-256 of the whole content
     * @param chunks the chunk list; {@code null} when the content is not text or was not chunked
     */
    public record Inspection(String sha256, long size, boolean text, ChunkList chunks) {

        /** The same facts as {@link TextFiles#inspect}, for code that needs no chunks. */
        public TextFiles.Inspection withoutChunks() {
            return new TextFiles.Inspection(sha256, size, text);
        }
    }

    /** Files from this size on get a chunk list when inspected by path. */
    public static final long CHUNKED_FROM_BYTES = 64 * 1024;

    private static final int READ_BUFFER = 64 * 1024;

    private final MessageDigest sha256 = TextFiles.sha256Digest();

    private final TextCheck text = new TextCheck();

    private final boolean chunked;

    /** Only when chunked: the chunker's buffer is 256 KiB, too much to allocate per small file for nothing. */
    private final ChunkIds ids;

    private final ChunkList.Builder chunks;

    private final Chunker chunker;

    private long size;

    private boolean finished;

    /** An inspection with a chunk list (when the content is text). */
    public ContentInspector() {
        this(true);
    }

    public ContentInspector(boolean chunked) {
        this.chunked = chunked;
        this.ids = chunked ? new ChunkIds() : null;
        this.chunks = chunked ? new ChunkList.Builder() : null;
        this.chunker = chunked ? new Chunker(this::chunk) : null;
    }

    /** Inspects a file, with a chunk list when it is at least {@value #CHUNKED_FROM_BYTES} bytes. */
    public static Inspection inspect(Path file) throws IOException {
        return inspect(file, Files.size(file) >= CHUNKED_FROM_BYTES);
    }

    public static Inspection inspect(Path file, boolean chunked) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return inspect(in, chunked);
        }
    }

    /** Reads the stream to its end (without closing it); with a chunk list. */
    public static Inspection inspect(InputStream in) throws IOException {
        return inspect(in, true);
    }

    public static Inspection inspect(InputStream in, boolean chunked) throws IOException {
        ContentInspector inspector = new ContentInspector(chunked);
        byte[] buffer = new byte[READ_BUFFER];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            inspector.update(buffer, 0, n);
        }
        return inspector.finish();
    }

    public static Inspection inspect(byte[] content) {
        ContentInspector inspector = new ContentInspector();
        inspector.update(content, 0, content.length);
        return inspector.finish();
    }

    public void update(byte[] bytes, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("the inspection is finished");
        }
        sha256.update(bytes, offset, length);
        size += length;
        if (text.textSoFar()) {
            text.update(bytes, offset, length);
            if (chunked && text.textSoFar()) {
                try {
                    chunker.update(bytes, offset, length);
                }
                catch (IOException e) {
                    throw new UncheckedIOException("the chunk sink does no I/O", e);
                }
            }
        }
    }

    public Inspection finish() {
        if (finished) {
            throw new IllegalStateException("the inspection is finished");
        }
        finished = true;
        String hash = HexFormat.of().formatHex(sha256.digest());
        if (!text.finish()) {
            return new Inspection(hash, size, false, null);
        }
        if (!chunked) {
            return new Inspection(hash, size, true, null);
        }
        try {
            chunker.finish();
        }
        catch (IOException e) {
            throw new UncheckedIOException("the chunk sink does no I/O", e);
        }
        return new Inspection(hash, size, true, chunks.build());
    }

    private void chunk(byte[] bytes, int offset, int length) {
        ids.hash(bytes, offset, length);
        chunks.add(ids.high, ids.low, length);
    }
}
