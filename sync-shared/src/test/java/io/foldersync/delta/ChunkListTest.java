package io.foldersync.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.foldersync.testing.TextCorpus;

/** The chunk list encoding (state database BLOB and wire): golden bytes, round trips, and refusal of bad input. */
class ChunkListTest {

    private static final String ID_A = "000102030405060708090a0b0c0d0e0f";

    private static final String ID_B = "f0e0d0c0b0a090807060504030201000";

    private static ChunkList twoChunks() {
        return new ChunkList.Builder()
                .add(0x0001020304050607L, 0x08090a0b0c0d0e0fL, 100)
                .add(0xf0e0d0c0b0a09080L, 0x7060504030201000L, 8192)
                .build();
    }

    @Test
    void encodingIsPinned() {
        assertThat(HexFormat.of().formatHex(twoChunks().encode())).isEqualTo(
                "01" + "01" + "02" // version 1, chunker 1, two chunks
                        + "64" + ID_A // 100
                        + "8040" + ID_B); // 8192 = 0x80 0x40 in LEB128
        assertThat(twoChunks().encodedSize()).isEqualTo(3 + 1 + 16 + 2 + 16);
        assertThat(HexFormat.of().formatHex(ChunkList.EMPTY.encode())).isEqualTo("010100");
    }

    @Test
    void offsetsLengthsAndIdsFollowTheOrder() {
        ChunkList list = twoChunks();

        assertThat(list.size()).isEqualTo(2);
        assertThat(list.totalLength()).isEqualTo(8292);
        assertThat(list.offset(0)).isZero();
        assertThat(list.offset(1)).isEqualTo(100);
        assertThat(list.length(1)).isEqualTo(8192);
        assertThat(list.id(0)).isEqualTo(ID_A);
        assertThat(list.id(1)).isEqualTo(ID_B);
    }

    @Test
    void decodingGivesBackTheSameList() throws IOException {
        ChunkList list = ContentInspector.inspect(new TextCorpus(4).sourceCode(1_000_000)).chunks();

        assertThat(ChunkList.decode(list.encode())).isEqualTo(list);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list.writeTo(out);
        assertThat(ChunkList.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(list);
        assertThat(out.size()).isEqualTo(list.encodedSize());
        assertThat(ChunkList.decode(ChunkList.EMPTY.encode())).isEqualTo(ChunkList.EMPTY);
    }

    @Test
    void lookupFindsEveryChunkAndTheFirstOfRepeatedOnes() {
        ChunkList list = new ChunkList.Builder()
                .add(1, 2, 10).add(3, 4, 20).add(1, 2, 10).add(5, 6, 30)
                .build();

        assertThat(list.indexOf(1, 2)).isZero();
        assertThat(list.indexOf(3, 4)).isEqualTo(1);
        assertThat(list.indexOf(5, 6)).isEqualTo(3);
        assertThat(list.indexOf(2, 1)).isEqualTo(-1);
        assertThat(ChunkList.EMPTY.indexOf(1, 2)).isEqualTo(-1);
    }

    @Test
    void lookupWorksForALargeList() {
        ChunkList list = ContentInspector.inspect(new TextCorpus(9).prose(5_000_000)).chunks();
        ChunkList.Builder probes = new ChunkList.Builder();

        for (int i = 0; i < list.size(); i++) {
            String id = list.id(i);
            long high = Long.parseUnsignedLong(id.substring(0, 16), 16);
            long low = Long.parseUnsignedLong(id.substring(16), 16);
            assertThat(list.indexOf(high, low)).isEqualTo(i);
            assertThat(list.indexOf(high, low + 1)).isEqualTo(-1);
            probes.add(high, low, list.length(i));
        }
        assertThat(probes.build()).isEqualTo(list);
    }

    // ---- bad input: a clear DeltaException, never a huge allocation

    static Arguments[] malformed() {
        return new Arguments[] {
                Arguments.of("empty input", ""),
                Arguments.of("an unknown format version", "020100"),
                Arguments.of("an unknown chunker id", "010200"),
                Arguments.of("input ending before the chunker id", "01"),
                Arguments.of("input ending inside the count", "010180"),
                Arguments.of("a count in a non-shortest form", "01018000"),
                Arguments.of("a count longer than nine bytes", "0101ffffffffffffffffff01"),
                Arguments.of("a count beyond an int", "0101ffffffff0f"),
                Arguments.of("one chunk announced, none given", "010101"),
                Arguments.of("a chunk of length zero", "01010100" + ID_A),
                Arguments.of("a chunk longer than the maximum", "010101818004" + ID_A), // 65537
                Arguments.of("input ending inside an id", "01010164000102"),
                Arguments.of("a byte after the last chunk", "01010164" + ID_A + "00"),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedInput(String description, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);

        assertThatThrownBy(() -> ChunkList.decode(bytes))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.MALFORMED))
                .hasMessageStartingWith("bad chunk list: ");
        assertThatThrownBy(() -> ChunkList.read(new ByteArrayInputStream(bytes))).isInstanceOf(DeltaException.class);
    }

    @Test
    void aHugeDeclaredCountAllocatesOnlyWhatTheInputHolds() {
        // two billion chunks announced (37 GB of arrays if believed), one given
        byte[] bytes = HexFormat.of().parseHex("0101" + "80a8d6b907" + "64" + ID_A);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DeltaException first = decodeFailure(bytes); // loads the classes involved, so only the decode is measured

        long before = threads.getCurrentThreadAllocatedBytes();
        DeltaException failure = decodeFailure(bytes);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(failure).hasMessageContaining("input ends inside the length of chunk 1");
        assertThat(first).hasMessage(failure.getMessage());
        assertThat(allocated).isLessThan(200_000);
    }

    private static DeltaException decodeFailure(byte[] bytes) {
        try {
            ChunkList.decode(bytes);
        }
        catch (DeltaException e) {
            return e;
        }
        throw new AssertionError("decoded a list that announces more chunks than it holds");
    }

    @Test
    void builderRefusesImpossibleLengths() {
        assertThatThrownBy(() -> new ChunkList.Builder().add(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkList.Builder().add(1, 2, Chunker.MAX_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
