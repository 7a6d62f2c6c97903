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
import java.security.DigestInputStream;
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

    public static Inspection inspect(InputStream raw) throws IOException {
        MessageDigest digest = sha256Digest();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        boolean text = true;
        long size = 0;
        try (InputStream in = new DigestInputStream(raw, digest)) {
            int n;
            while ((n = in.read(bytes.array(), bytes.position(), bytes.remaining())) >= 0) {
                if (!text) {
                    // already binary: keep reading only to finish the hash
                    size += n;
                    continue;
                }
                int start = bytes.position();
                for (int i = start; i < start + n; i++) {
                    if (bytes.array()[i] == 0) {
                        text = false;
                        break;
                    }
                }
                size += n;
                bytes.position(start + n);
                if (!text) {
                    bytes.clear();
                    continue;
                }
                bytes.flip();
                text = decode(decoder, bytes, chars, false);
                bytes.compact();
            }
            if (text) {
                bytes.flip();
                text = decode(decoder, bytes, chars, true) && !bytes.hasRemaining();
                if (text) {
                    chars.clear();
                    text = !decoder.flush(chars).isError();
                }
            }
        }
        return new Inspection(HexFormat.of().formatHex(digest.digest()), size, text);
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
