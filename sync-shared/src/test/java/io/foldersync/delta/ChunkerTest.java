package io.foldersync.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.foldersync.testing.TextCorpus;

/**
 * The cut points are a contract between the two sides and with every chunk list already stored:
 * the table, the masks and the cuts of a fixed input are pinned, and the cuts must not depend on
 * how the bytes arrive, only on the content.
 */
class ChunkerTest {

    // ---- golden values: a change here means a new CHUNKER_ID, never an edit of these numbers

    @Test
    void gearTableIsTheSha256DerivationDocumented() throws Exception {
        assertThat(Chunker.GEAR[0]).isEqualTo(0x65a6ef1765fdb623L); // sha256("foldersync fastcdc gear 0")[0..8]
        assertThat(Chunker.GEAR[1]).isEqualTo(0x770be7eba0ae9fb7L);
        assertThat(Chunker.GEAR[255]).isEqualTo(0x61344fd1b5d17758L);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (long gear : Chunker.GEAR) {
            for (int b = 0; b < 8; b++) {
                digest.update((byte) (gear >>> (56 - 8 * b)));
            }
        }
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo("9b04932826076bb07d13d81eae9001ba6ba6be985eafb11cd3ddc01820750a66");
    }

    @Test
    void masksSpreadFifteenAndElevenBitsOverTheHighBits() {
        assertThat(Chunker.MASK_SMALL).isEqualTo(0x9248924892480000L);
        assertThat(Chunker.MASK_LARGE).isEqualTo(0x8884442221100000L);
        assertThat(Long.bitCount(Chunker.MASK_SMALL)).isEqualTo(15);
        assertThat(Long.bitCount(Chunker.MASK_LARGE)).isEqualTo(11);
        // bit p sees the last p+1 bytes: the lowest bit used still sees 20 of them
        assertThat(Long.numberOfTrailingZeros(Chunker.MASK_SMALL)).isGreaterThanOrEqualTo(16);
        assertThat(Long.numberOfTrailingZeros(Chunker.MASK_LARGE)).isGreaterThanOrEqualTo(16);
    }

    @Test
    void cutsOfAFixedInputArePinned() throws IOException {
        assertThat(lengths(goldenInput(), 1 << 20)).containsExactly(10271, 9550, 8421, 3997, 9001, 10239, 9517,
                10668, 10669, 10403, 9042, 9846, 10298, 10534, 9509, 9303, 2171, 8606, 8897, 10941, 9025, 11224, 8207,
                8201, 9480, 4208, 4912, 11326, 3126, 8375, 12856, 8565, 8719, 9501, 392);
    }

    @Test
    void chunkIdsOfAFixedInputArePinned() {
        ContentInspector.Inspection inspection = ContentInspector.inspect(goldenInput());

        assertThat(inspection.sha256()).isEqualTo("0d92b8aeff586151e1dea513443d3fbad6537b94e7ff531ec10868be5a1012ad");
        assertThat(inspection.chunks().id(0)).isEqualTo("18890efba9650eba6f71d53fa0a35cbc");
        assertThat(inspection.chunks().id(34)).isEqualTo("c62ce420f1baed19e619f1ddbec69d26");
    }

    /** 300,000 bytes of letters, spaces and newlines from a fixed LCG (self-contained, so it never drifts). */
    static byte[] goldenInput() {
        return letters(300_000, 0x9E3779B97F4A7C15L);
    }

    /** Letters, spaces and newlines from an LCG: fast to make in any size. */
    static byte[] letters(int size, long seed) {
        long x = seed;
        byte[] out = new byte[size];
        for (int i = 0; i < out.length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            int v = (int) (x >>> 58);
            out[i] = (byte) (v < 52 ? 'a' + v % 26 : v < 62 ? ' ' : '\n');
        }
        return out;
    }

    // ---- the content decides, not the reads

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 7, 4096, 65535, 65536, 65537, 200_000})
    void cutsDoNotDependOnHowTheBytesArrive(int piece) throws IOException {
        byte[] content = new TextCorpus(5).sourceCode(700_000);

        assertThat(lengths(content, piece)).isEqualTo(lengths(content, content.length));
    }

    @Test
    void cutsDoNotDependOnRandomPieceSizes() throws IOException {
        long seed = new Random().nextLong();
        System.out.println("ChunkerTest seed " + seed);
        Random random = new Random(seed);
        byte[] content = new TextCorpus(seed).prose(500_000);
        List<Integer> expected = lengths(content, content.length);

        List<Integer> actual = new ArrayList<>();
        Chunker chunker = new Chunker((bytes, offset, length) -> actual.add(length));
        int at = 0;
        while (at < content.length) {
            int n = Math.min(content.length - at, random.nextInt(150_000));
            chunker.update(content, at, n);
            at += n;
        }
        chunker.finish();

        assertThat(actual).as("seed %d", seed).isEqualTo(expected);
    }

    // ---- sizes

    @Test
    void everyChunkButTheLastIsWithinTheBoundsAndTheAverageIsNearTheTarget() throws IOException {
        for (byte[] content : List.of(new TextCorpus(1).prose(3_000_000), new TextCorpus(2).sourceCode(3_000_000))) {
            List<Integer> lengths = lengths(content, 1 << 16);

            assertThat(lengths.subList(0, lengths.size() - 1))
                    .allSatisfy(length -> assertThat(length).isBetween(Chunker.MIN_SIZE, Chunker.MAX_SIZE));
            assertThat(lengths.stream().mapToInt(Integer::intValue).sum()).isEqualTo(content.length);
            double average = (double) content.length / lengths.size();
            assertThat(average).isBetween(7_000.0, 12_000.0);
        }
    }

    @Test
    void emptyContentHasNoChunks() throws IOException {
        assertThat(lengths(new byte[0], 1)).isEmpty();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 100, Chunker.MIN_SIZE - 1, Chunker.MIN_SIZE})
    void contentUpToTheMinimumIsOneChunk(int size) throws IOException {
        assertThat(lengths(new TextCorpus(3).prose(size), 1000)).containsExactly(size);
    }

    @Test
    void repetitiveContentIsCutIntoEqualChunks() throws IOException {
        // the hash of a run of one byte value becomes constant: it cuts at one fixed place or at the maximum
        byte[] spaces = new byte[1_000_000];
        Arrays.fill(spaces, (byte) ' ');
        List<Integer> lengths = lengths(spaces, 12345);

        assertThat(lengths.subList(0, lengths.size() - 1)).containsOnly(lengths.get(0));
        assertThat(lengths.get(0)).isBetween(Chunker.MIN_SIZE, Chunker.MAX_SIZE);
    }

    // ---- locality: an edit changes only the chunks around it

    @ParameterizedTest(name = "edit at {0} of the file")
    @ValueSource(doubles = {0.0, 0.1, 0.5, 0.9, 1.0})
    void anInsertedLineChangesOnlyTheChunksAroundIt(double where) throws IOException {
        TextCorpus corpus = new TextCorpus(11);
        byte[] base = corpus.prose(1_000_000);
        int at = lineStart(base, (int) (base.length * where));
        byte[] edited = insert(base, at, corpus.line().getBytes(StandardCharsets.UTF_8));

        ChunkList before = ContentInspector.inspect(base).chunks();
        ChunkList after = ContentInspector.inspect(edited).chunks();

        int prefix = 0;
        while (prefix < Math.min(before.size(), after.size()) && before.id(prefix).equals(after.id(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < Math.min(before.size(), after.size()) - prefix
                && before.id(before.size() - 1 - suffix).equals(after.id(after.size() - 1 - suffix))) {
            suffix++;
        }
        int changed = after.size() - prefix - suffix;
        assertThat(changed).as("new chunks around an edit at byte %d", at).isBetween(1, 3);
        // and every chunk before the edit is untouched
        assertThat(before.offset(prefix)).isLessThanOrEqualTo(at);
    }

    private static int lineStart(byte[] text, int at) {
        int i = Math.min(at, text.length);
        while (i > 0 && text[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static byte[] insert(byte[] base, int at, byte[] inserted) {
        byte[] out = new byte[base.length + inserted.length];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(base, at, out, at + inserted.length, base.length - at);
        return out;
    }

    static List<Integer> lengths(byte[] content, int piece) throws IOException {
        List<Integer> lengths = new ArrayList<>();
        Chunker chunker = new Chunker((bytes, offset, length) -> lengths.add(length));
        for (int at = 0; at < content.length; at += piece) {
            chunker.update(content, at, Math.min(piece, content.length - at));
        }
        chunker.finish();
        return lengths;
    }
}
