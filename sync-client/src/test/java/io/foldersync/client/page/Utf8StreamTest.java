package io.foldersync.client.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Utf8StreamTest {

    @Test
    void aSequenceCutBetweenTwoPiecesWaitsForItsEnd() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // three bytes
        Utf8Stream stream = new Utf8Stream();
        assertThat(stream.decode(new byte[] { 'a', euro[0] })).isEqualTo("a");
        assertThat(stream.decode(new byte[] { euro[1] })).isEmpty();
        assertThat(stream.decode(new byte[] { euro[2], 'b' })).isEqualTo("€b");
        assertThat(stream.finish()).isEmpty();
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        Utf8Stream stream = new Utf8Stream();
        assertThat(stream.decode(new byte[] { 'x', (byte) 0xff, 'y' })).isEqualTo("x\uFFFDy");
        assertThat(stream.decode(new byte[] { (byte) 0xe2 })).isEmpty();
        assertThat(stream.finish()).isEqualTo("\uFFFD");
    }

    @Test
    void anyCuttingGivesBackTheSameText() {
        long seed = System.nanoTime();
        System.out.println("Utf8StreamTest seed: " + seed);
        Random random = new Random(seed);
        String text = "naïve café — 日本語 🎉 plain ascii\n".repeat(20);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 50; round++) {
            Utf8Stream stream = new Utf8Stream();
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < bytes.length) {
                int next = Math.min(bytes.length, at + 1 + random.nextInt(7));
                out.append(stream.decode(Arrays.copyOfRange(bytes, at, next)));
                at = next;
            }
            out.append(stream.finish());
            assertThat(out.toString()).as("seed " + seed).isEqualTo(text);
        }
    }
}
