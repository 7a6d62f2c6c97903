package io.foldersync.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

class TextGeneratorTest {

    private final TextGenerator text = new TextGenerator(8);

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() {
        byte[] once = text.bytes(50_000, TextGenerator.Kind.CODE, 42);
        assertThat(new TextGenerator(8).bytes(50_000, TextGenerator.Kind.CODE, 42)).isEqualTo(once);
        assertThat(text.bytes(50_000, TextGenerator.Kind.CODE, 43)).isNotEqualTo(once);
        assertThat(new TextGenerator(9).bytes(50_000, TextGenerator.Kind.CODE, 42)).isNotEqualTo(once);
    }

    @Test
    void everySizeIsExactDownToOneByte() {
        for (long size : new long[] { 1, 2, 3, 79, 80, 81, 1_000, 20_000, 65_537 }) {
            for (TextGenerator.Kind kind : TextGenerator.Kind.values()) {
                assertThat(text.bytes(size, kind, size)).as(kind + " of " + size).hasSize((int) size);
            }
        }
    }

    @Test
    void isTextAsTheProductDefinesIt_validUtf8WithoutNul() throws CharacterCodingException {
        for (TextGenerator.Kind kind : TextGenerator.Kind.values()) {
            byte[] bytes = text.bytes(200_000, kind, 7);
            assertThat(bytes).doesNotContain((byte) 0);
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        }
    }

    @Test
    void codeLooksLikeCodeAndProseLikeProse() {
        String code = new String(text.bytes(20_000, TextGenerator.Kind.CODE, 1), StandardCharsets.UTF_8);
        String prose = new String(text.bytes(20_000, TextGenerator.Kind.PROSE, 1), StandardCharsets.UTF_8);
        assertThat(code).contains("public class ", "    ", ");\n", "}\n", "// ");
        assertThat(prose).contains("## ", ". ", "\n\n").doesNotContain(");");
        assertThat(prose.lines()).allMatch(line -> line.length() <= 2 * TextGenerator.WRAP);
    }

    @Test
    void compressesLikeRealTextNeitherLikeNoiseNorLikeRepetition() {
        for (TextGenerator.Kind kind : TextGenerator.Kind.values()) {
            byte[] bytes = text.bytes(1 << 20, kind, 3);
            Deflater deflater = new Deflater(6);
            deflater.setInput(bytes);
            deflater.finish();
            byte[] out = new byte[bytes.length];
            int compressed = 0;
            while (!deflater.finished()) {
                compressed += deflater.deflate(out);
            }
            double ratio = bytes.length / (double) compressed;
            assertThat(ratio).as(kind + " deflate ratio").isBetween(2.0, 6.0);
        }
    }
}
