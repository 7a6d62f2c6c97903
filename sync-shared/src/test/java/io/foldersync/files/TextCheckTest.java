package io.foldersync.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The hand-written UTF-8 check must agree with the JDK's strict decoder on every input (plus
 * the NUL rule), however the input is split. Table cases live in {@link TextFilesTest}; this is
 * the differential test over many random near-UTF-8 inputs.
 */
class TextCheckTest {

    /** Bytes that matter at UTF-8 boundaries: every lead, continuation edge and invalid value. */
    private static final int[] INTERESTING = {0x00, 0x01, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
            0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};

    @Test
    void agreesWithTheJdkDecoderOnRandomInputSplitAnywhere() {
        long seed = new Random().nextLong();
        System.out.println("TextCheckTest seed " + seed);
        Random random = new Random(seed);
        int textCount = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] content = nearlyUtf8(random, random.nextInt(40));
            boolean expected = jdkSaysText(content);
            textCount += expected ? 1 : 0;

            TextCheck check = new TextCheck();
            int at = 0;
            while (at < content.length) {
                int n = Math.min(content.length - at, 1 + random.nextInt(9));
                check.update(content, at, n);
                at += n;
            }

            assertThat(check.finish()).as("seed %d, round %d, %s", seed, round, hex(content)).isEqualTo(expected);
            assertThat(TextCheck.isText(content)).isEqualTo(expected);
        }
        // both verdicts are well represented, so the comparison means something
        assertThat(textCount).isBetween(2_000, 18_000);
    }

    @Test
    void longAsciiRunsWithOneBadByteAnywhereAreCaught() {
        byte[] content = new byte[100];
        for (int bad : new int[] {0x00, 0x80, 0xC3, 0xFF}) {
            for (int at = 0; at < content.length; at++) {
                java.util.Arrays.fill(content, (byte) 'a');
                content[at] = (byte) bad;
                assertThat(TextCheck.isText(content)).as("0x%02x at %d", bad, at).isFalse();
            }
        }
    }

    private static byte[] nearlyUtf8(Random random, int pieces) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < pieces; i++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                out.write(INTERESTING[random.nextInt(INTERESTING.length)]);
            }
            else if (kind == 1) {
                out.write(random.nextInt(256));
            }
            else if (kind < 8) {
                out.write('a' + random.nextInt(26));
            }
            else {
                int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x800);
                if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                    codePoint = 0xFFFD;
                }
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static boolean jdkSaysText(byte[] content) {
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

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
