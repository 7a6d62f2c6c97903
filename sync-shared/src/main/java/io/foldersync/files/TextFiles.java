package io.foldersync.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Decides on content whether a file is text: no NUL byte and valid UTF-8 throughout. The
 * extension never matters. Hashing happens in the same pass, so a file is read once. The rule
 * itself is {@link TextCheck}; {@code io.foldersync.delta.ContentInspector} adds the chunk list
 * to the same pass.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /** The outcome of reading a file once: its hash and whether it is text. */
    public record Inspection(String sha256, long size, boolean text) {
    }

    public static Inspection inspect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return inspect(in);
        }
    }

    /** Reads the stream to its end and closes it. */
    public static Inspection inspect(InputStream raw) throws IOException {
        Inspector inspector = new Inspector();
        byte[] buffer = Buffers.get();
        try (InputStream in = raw) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                inspector.update(buffer, 0, n);
            }
        }
        return inspector.finish();
    }

    /**
     * The same inspection fed piece by piece, for content that is being written anyway (a
     * received file is hashed and checked while it is staged, not read back afterwards).
     */
    public static final class Inspector {

        private final MessageDigest digest = sha256Digest();

        private final TextCheck check = new TextCheck();

        private long size;

        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
            check.update(bytes, offset, length); // returns at once when already binary: the hash still needs every byte
            size += length;
        }

        public long size() {
            return size;
        }

        public Inspection finish() {
            return new Inspection(HexFormat.of().formatHex(digest.digest()), size, check.finish());
        }
    }

    /** Whether a string of bytes is text by the same rule; for content already in memory. */
    public static boolean isText(byte[] content) {
        return TextCheck.isText(content);
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }
}
