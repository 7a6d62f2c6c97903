package io.foldersync.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Text is decided on content: no NUL and valid UTF-8 throughout, including across read-buffer boundaries. */
class TextFilesTest {

    private static final int BUFFER = 64 * 1024;

    @TempDir
    Path dir;

    static Arguments[] contents() {
        return new Arguments[] {
                // text
                text("an empty file is text", new byte[0]),
                text("plain ASCII", utf8("hello, world\n")),
                text("CR LF and tabs", utf8("a\tb\r\nc\r\n")),
                text("two-byte characters", utf8("ü ñ é")),
                text("three-byte characters", utf8("€ 日本語")),
                text("four-byte characters", utf8("😀 𝄞")),
                text("a byte-order mark", bytes(0xEF, 0xBB, 0xBF, 'x')),
                text("control characters other than NUL", bytes(0x01, 0x07, 0x1B, 0x7F)),
                text("the largest code point U+10FFFF", bytes(0xF4, 0x8F, 0xBF, 0xBF)),
                // not text
                binary("a NUL byte", utf8("a\u0000b")),
                binary("only a NUL byte", bytes(0)),
                binary("a NUL byte after valid text", utf8("hello\u0000")),
                binary("C3 28: a lead byte followed by a non-continuation", bytes(0xC3, 0x28)),
                binary("a lone 0xFF", bytes(0xFF)),
                binary("a lone continuation byte", bytes('a', 0x80, 'b')),
                binary("a three-byte character truncated at end of file", bytes('a', 'b', 0xE2, 0x82)),
                binary("a four-byte character truncated at end of file", bytes('a', 0xF0, 0x9F, 0x98)),
                binary("a lone lead byte at end of file", bytes('a', 0xC3)),
                binary("an overlong encoding of NUL", bytes(0xC0, 0x80)),
                binary("an overlong encoding of '/'", bytes(0xE0, 0x80, 0xAF)),
                binary("an encoded UTF-16 surrogate", bytes(0xED, 0xA0, 0x80)),
                binary("a code point beyond U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80)),
                binary("Latin-1 text is not UTF-8", "café".getBytes(StandardCharsets.ISO_8859_1)),
                binary("UTF-16 text has NUL bytes", "abc".getBytes(StandardCharsets.UTF_16LE)),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contents")
    void inspectDecidesTextOnContent(String description, byte[] content, boolean text) throws IOException {
        Path file = Files.write(dir.resolve("file.bin"), content);

        TextFiles.Inspection inspection = TextFiles.inspect(file);

        assertThat(inspection.text()).isEqualTo(text);
        assertThat(inspection.size()).isEqualTo(content.length);
        assertThat(inspection.sha256()).isEqualTo(sha256(content));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contents")
    void isTextAgreesWithInspect(String description, byte[] content, boolean text) {
        assertThat(TextFiles.isText(content)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contents")
    void inspectAgreesWhenTheStreamDeliversOneByteAtATime(String description, byte[] content, boolean text)
            throws IOException {
        TextFiles.Inspection inspection = TextFiles.inspect(trickle(content, 1));

        assertThat(inspection.text()).isEqualTo(text);
        assertThat(inspection.sha256()).isEqualTo(sha256(content));
    }

    // ---- the 64 KiB read buffer: a character split across its boundary is still one character

    static Arguments[] straddlingCharacters() {
        return new Arguments[] {
                Arguments.of("2-byte ü, 1 byte before the boundary", "ü", BUFFER - 1),
                Arguments.of("3-byte €, 1 byte before the boundary", "€", BUFFER - 1),
                Arguments.of("3-byte €, 2 bytes before the boundary", "€", BUFFER - 2),
                Arguments.of("4-byte 😀, 1 byte before the boundary", "😀", BUFFER - 1),
                Arguments.of("4-byte 😀, 2 bytes before the boundary", "😀", BUFFER - 2),
                Arguments.of("4-byte 😀, 3 bytes before the boundary", "😀", BUFFER - 3),
                Arguments.of("4-byte 😀, starting exactly on the boundary", "😀", BUFFER),
                Arguments.of("3-byte €, at the second boundary", "€", 2 * BUFFER - 4 - 1),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("straddlingCharacters")
    void characterSplitAcrossTheReadBufferBoundaryIsStillText(String description, String character, int offset)
            throws IOException {
        byte[] content = withCharacterAt(character, offset);
        Path file = Files.write(dir.resolve("big.txt"), content);

        TextFiles.Inspection inspection = TextFiles.inspect(file);

        assertThat(inspection.text()).isTrue();
        assertThat(inspection.size()).isEqualTo(content.length);
        assertThat(inspection.sha256()).isEqualTo(sha256(content));
        assertThat(TextFiles.isText(content)).isTrue();
    }

    @Test
    void manyMultiByteCharactersAcrossSeveralBuffersAreText() throws IOException {
        byte[] content = utf8("aé€😀".repeat(50_000)); // 10 bytes each: boundaries fall inside characters
        Path file = Files.write(dir.resolve("many.txt"), content);

        TextFiles.Inspection inspection = TextFiles.inspect(file);

        assertThat(inspection.text()).isTrue();
        assertThat(inspection.size()).isEqualTo(content.length);
        assertThat(TextFiles.inspect(trickle(content, 7)).text()).isTrue();
    }

    @Test
    void characterTruncatedRightAtTheBoundaryAtEndOfFileIsNotText() throws IOException {
        byte[] content = Arrays.copyOf(withCharacterAt("😀", BUFFER - 2), BUFFER); // only 2 of its 4 bytes
        Path file = Files.write(dir.resolve("cut.txt"), content);

        assertThat(TextFiles.inspect(file).text()).isFalse();
    }

    @Test
    void invalidByteJustAfterTheBoundaryIsNotText() throws IOException {
        byte[] content = utf8("a".repeat(BUFFER + 10));
        content[BUFFER] = (byte) 0xFF;

        assertThat(TextFiles.inspect(Files.write(dir.resolve("x"), content)).text()).isFalse();
    }

    @Test
    void nulByteFarIntoALargeFileIsNotText() throws IOException {
        byte[] content = utf8("a".repeat(3 * BUFFER));
        content[2 * BUFFER + 17] = 0;

        assertThat(TextFiles.inspect(Files.write(dir.resolve("x"), content)).text()).isFalse();
    }

    @Test
    void binaryFileIsStillHashedAndMeasuredToTheEnd() throws IOException {
        byte[] content = new byte[3 * BUFFER + 123];
        Arrays.fill(content, (byte) 'q');
        content[5] = 0;
        Path file = Files.write(dir.resolve("bin"), content);

        TextFiles.Inspection inspection = TextFiles.inspect(file);

        assertThat(inspection.text()).isFalse();
        assertThat(inspection.size()).isEqualTo(content.length);
        assertThat(inspection.sha256()).isEqualTo(sha256(content));
    }

    @Test
    void sha256OfBytesMatchesMessageDigest() {
        byte[] content = utf8("hello");

        assertThat(TextFiles.sha256(content))
                .isEqualTo(sha256(content))
                .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(TextFiles.sha256(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    // ---- helpers

    private static Arguments text(String description, byte[] content) {
        return Arguments.of(description, content, true);
    }

    private static Arguments binary(String description, byte[] content) {
        return Arguments.of(description, content, false);
    }

    /** ASCII up to {@code offset}, the character there, then some ASCII after it. */
    private static byte[] withCharacterAt(String character, int offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("x".repeat(offset)));
        out.writeBytes(utf8(character));
        out.writeBytes(utf8("tail\n"));
        return out.toByteArray();
    }

    /** A stream that hands out at most {@code chunk} bytes per read, as a slow socket or pipe would. */
    private static InputStream trickle(byte[] content, int chunk) {
        return new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
