package io.foldersync.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Decides on content whether a file is text: no NUL byte and valid UTF-8 throughout. The
 * extension never matters. Hashing happens in the same pass, so a file is read once.
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

    public static Inspection inspect(InputStream in) throws IOException {
        Inspector inspector = new Inspector();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            inspector.update(buffer, 0, n);
        }
        return inspector.finish();
    }

    /**
     * The same inspection fed piece by piece, for content that is being written anyway (a
     * received file is hashed and checked while it is staged, not read back afterwards).
     */
    public static final class Inspector {

        private final MessageDigest digest = sha256Digest();

        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        /** Bytes not yet decoded: at most one incomplete UTF-8 sequence carried between pieces. */
        private final ByteBuffer pending = ByteBuffer.allocate(64 * 1024 + 8);

        private final CharBuffer chars = CharBuffer.allocate(64 * 1024);

        private boolean text = true;

        private long size;

        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
            size += length;
            if (!text) {
                return; // already binary: only the hash is still of interest
            }
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (bytes[i] == 0) {
                    text = false;
                    return;
                }
            }
            int at = offset;
            while (at < end && text) {
                int take = Math.min(end - at, pending.remaining());
                pending.put(bytes, at, take);
                at += take;
                pending.flip();
                text = decode(decoder, pending, chars, false);
                pending.compact();
            }
        }

        public long size() {
            return size;
        }

        public Inspection finish() {
            if (text) {
                pending.flip();
                text = decode(decoder, pending, chars, true) && !pending.hasRemaining();
                if (text) {
                    chars.clear();
                    text = !decoder.flush(chars).isError();
                }
            }
            return new Inspection(HexFormat.of().formatHex(digest.digest()), size, text);
        }
    }

    private static boolean decode(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars, boolean endOfInput) {
        while (true) {
            chars.clear();
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return true;
            }
        }
    }

    /** Whether a string of bytes is text by the same rule; for content already in memory. */
    public static boolean isText(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content));
            return true;
        }
        catch (CharacterCodingException e) {
            return false;
        }
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }
}
