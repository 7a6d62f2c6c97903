package io.foldersync.apply;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.foldersync.delta.ContentInspector;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.ErrorCode;

/**
 * The first step of receiving a file, the same on both sides: write the content to a temporary
 * file in the folder's work directory, hashing, text-checking and (for large files) chunking it in
 * the same pass (the file is not read back). The content may be decoded on its way in (see
 * {@link Source}). The caller checks the hash and the text flag before planning anything.
 */
public final class Stager {

    private static final int BUFFER = 64 * 1024;

    private final Disk disk;

    private final WorkDir workDir;

    public Stager(Disk disk, WorkDir workDir) {
        this.disk = disk;
        this.workDir = workDir;
    }

    /** Writes a file's bytes to the stream it is given (not closed): a copy, a decompression, a recipe applied. */
    @FunctionalInterface
    public interface Source {
        void writeTo(OutputStream out) throws IOException;
    }

    public Staged stage(Content content) throws IOException {
        return stage(content.length(), copyOf(content));
    }

    /**
     * Stages what {@code source} writes, inspected on the way: hash, size, text and, from
     * {@value ContentInspector#CHUNKED_FROM_BYTES} bytes on, the chunk list (the base of the next delta).
     *
     * @param expectedSize the size the content should have (only decides whether to chunk it)
     */
    public Staged stage(long expectedSize, Source source) throws IOException {
        var file = workDir.newStage();
        boolean done = false;
        ContentInspector inspector = new ContentInspector(expectedSize >= ContentInspector.CHUNKED_FROM_BYTES);
        try (OutputStream out = new Inspecting(create(file), inspector)) {
            source.writeTo(out);
            out.flush();
            ContentInspector.Inspection inspection = inspector.finish();
            out.close();
            String key = disk.fileKey(file); // a link into place keeps it
            done = true;
            return new Staged(file, inspection.sha256(), inspection.size(), inspection.text(), inspection.chunks(), key);
        }
        finally {
            if (!done) {
                disk.delete(file);
            }
        }
    }

    /** A new staged file; the work directory is made only when it is missing (not looked at before each file). */
    private OutputStream create(java.nio.file.Path file) throws IOException {
        try {
            return disk.create(file);
        }
        catch (java.nio.file.NoSuchFileException e) {
            Directories.ensure(disk, workDir.tmp());
            return disk.create(file);
        }
    }

    /**
     * Receives a file's content: staged, then checked against the hash the sender announced and the
     * text rule. A refusal has its staged file removed already.
     */
    public Received receive(Content content, String announcedSha256) throws IOException {
        return receive(content.length(), copyOf(content), announcedSha256);
    }

    /** As {@link #receive(Content, String)}, for content that {@code source} produces (decoded on the way in). */
    public Received receive(long expectedSize, Source source, String announcedSha256) throws IOException {
        Staged staged = stage(expectedSize, source);
        if (!staged.sha256().equals(announcedSha256)) {
            discard(staged);
            return new Received(null, ErrorCode.HASH_MISMATCH, "content does not match sha256");
        }
        if (!staged.text()) {
            discard(staged);
            return new Received(null, ErrorCode.NOT_TEXT, "content is not text (NUL byte or invalid UTF-8)");
        }
        return new Received(staged, null, null);
    }

    private static Source copyOf(Content content) {
        if (content instanceof Content.Bytes inMemory) {
            return out -> out.write(inMemory.bytes()); // one write of the whole file, one pass of the inspector
        }
        return out -> {
            try (InputStream in = content.open()) {
                byte[] buffer = io.foldersync.files.Buffers.get();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            }
        };
    }

    /** Inspects what passes through on its way to the staged file. */
    private static final class Inspecting extends FilterOutputStream {

        private final ContentInspector inspector;

        Inspecting(OutputStream out, ContentInspector inspector) {
            super(out);
            this.inspector = inspector;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            inspector.update(b, off, len);
        }
    }

    /** Received content: staged and sound, or refused with a code and why. */
    public record Received(Staged staged, ErrorCode refusal, String reason) {
    }

    /** Removes a staged file that will not be applied (refused, or judged a loser that is kept elsewhere). */
    public void discard(Staged staged) {
        try {
            disk.delete(staged.file());
        }
        catch (IOException e) {
            // a leftover in the hidden work directory is removed at the next start
        }
    }
}
