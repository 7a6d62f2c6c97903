package io.foldersync.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The raw bytes that follow a frame header. Content is either held in memory (small files)
 * or spooled to a file (large ones), so the codec never needs a whole large file as a byte array.
 */
public sealed interface Content permits Content.Bytes, Content.OnDisk {

    Content EMPTY = new Bytes(new byte[0]);

    long length();

    InputStream open() throws IOException;

    /** Frees what the content holds (a spooled file); safe to call twice. */
    default void release() {
    }

    static Content of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /** Content that streams from an existing file; {@code deleteOnRelease} for spooled temporaries. */
    static Content ofFile(Path file, long length, boolean deleteOnRelease) {
        return new OnDisk(file, length, deleteOnRelease);
    }

    record Bytes(byte[] bytes) implements Content {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    record OnDisk(Path file, long length, boolean deleteOnRelease) implements Content {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void release() {
            if (deleteOnRelease) {
                try {
                    Files.deleteIfExists(file);
                }
                catch (IOException e) {
                    // a leftover spool file is harmless: the spool directory is hidden and cleaned at start
                }
            }
        }
    }
}
