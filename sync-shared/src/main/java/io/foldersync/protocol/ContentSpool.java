package io.foldersync.protocol;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Content being produced whose length is not known in advance (a compressed form, a delta
 * recipe) but must be before its frame is written: held in memory up to a limit, spilled to a
 * file in the spool directory beyond it, so no array ever exceeds the limit. {@link #toContent()}
 * hands it over as {@link Content} (the spool file is deleted when that content is released);
 * {@link #discard()} throws it away.
 */
public final class ContentSpool extends OutputStream {

    private final int inMemoryLimit;

    private final Path spoolDirectory;

    private ByteArrayOutputStream memory = new ByteArrayOutputStream();

    private Path file;

    private OutputStream fileOut;

    private long length;

    private boolean closed;

    public ContentSpool(int inMemoryLimit, Path spoolDirectory) {
        this.inMemoryLimit = inMemoryLimit;
        this.spoolDirectory = spoolDirectory;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        if (closed) {
            throw new IOException("the spool is closed");
        }
        if (fileOut == null && length + count > inMemoryLimit) {
            Files.createDirectories(spoolDirectory);
            file = Files.createTempFile(spoolDirectory, "spool-", ".tmp");
            fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) {
            fileOut.write(bytes, offset, count);
        }
        else {
            memory.write(bytes, offset, count);
        }
        length += count;
    }

    public long length() {
        return length;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (fileOut != null) {
                fileOut.close();
            }
        }
    }

    /** Everything written, as frame content; the caller releases it once sent. */
    public Content toContent() throws IOException {
        close();
        return file == null ? Content.of(memory.toByteArray()) : Content.ofFile(file, length, true);
    }

    /** Throws the content away (a failed or unprofitable attempt). */
    public void discard() {
        try {
            close();
        }
        catch (IOException e) {
            // the content is thrown away: a failed close loses nothing
        }
        memory = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException e) {
                // a leftover spool file is harmless: the spool directory is hidden and cleaned at start
            }
        }
    }
}
