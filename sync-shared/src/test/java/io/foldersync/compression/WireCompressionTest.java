package io.foldersync.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;

import io.foldersync.protocol.Content;
import io.foldersync.protocol.Limits;
import io.foldersync.testing.TextCorpus;

/** Compressed where it pays, exact round trips in memory and through spool files, and hard bounds on the way back. */
class WireCompressionTest {

    private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    @TempDir
    Path spool;

    private final Limits limits = new Limits(1024 * 1024, MAX_FILE_BYTES, Limits.DEFAULT_IN_MEMORY_CONTENT_BYTES);

    private WireCompression compression;

    private WireCompression compression() {
        if (compression == null) {
            compression = new WireCompression(WireCompression.DEFAULT_LEVEL, limits, spool);
        }
        return compression;
    }

    @AfterEach
    void close() {
        if (compression != null) {
            compression.close();
        }
    }

    // ---- when it pays

    @Test
    void smallContentIsSentAsItIs() throws IOException {
        byte[] small = new TextCorpus(1).prose(WireCompression.MIN_BYTES - 1);

        assertThat(compression().compress(Content.of(small))).isEmpty();
    }

    @Test
    void incompressibleContentIsSentAsItIs() throws IOException {
        byte[] random = new byte[200_000];
        new Random(1).nextBytes(random);

        assertThat(compression().compress(Content.of(random))).isEmpty();
        assertThat(compression().compress(Content.ofFile(Files.write(spool.resolve("random"), withSize(random, 3_000_000)),
                3_000_000, false))).isEmpty();
    }

    @Test
    void textIsCompressedAndComesBackExactly() throws IOException {
        byte[] text = new TextCorpus(2).sourceCode(200_000);

        Content compressed = compression().compress(Content.of(text)).orElseThrow();

        assertThat(compressed).isInstanceOf(Content.Bytes.class);
        assertThat(compressed.length()).isLessThan(text.length / 2);
        assertThat(read(compression().decompress(compressed, text.length))).isEqualTo(text);
    }

    @Test
    void theRuleIsAtLeastATenthSaved() {
        assertThat(WireCompression.pays(10_000, 9_000)).isTrue();
        assertThat(WireCompression.pays(10_000, 9_001)).isFalse();
        assertThat(WireCompression.pays(WireCompression.MIN_BYTES - 1, 10)).isFalse();
    }

    // ---- large content streams through spool files

    @Test
    void largeContentStreamsThroughSpoolFilesBothWays() throws IOException {
        byte[] text = new TextCorpus(3).prose(5_000_000);
        Path file = Files.write(spool.resolve("big.txt"), text);

        Content compressed = compression().compress(Content.ofFile(file, text.length, false)).orElseThrow();
        Content restored = compression().decompress(compressed, text.length);

        assertThat(compressed).isInstanceOf(Content.OnDisk.class);
        assertThat(restored).isInstanceOf(Content.OnDisk.class);
        assertThat(read(restored)).isEqualTo(text);
        compressed.release();
        restored.release();
        try (var left = Files.list(spool)) {
            assertThat(left).containsExactly(file); // no spool file left behind
        }
    }

    @Test
    void aFileThatShrankWhileBeingCompressedIsAnError() throws IOException {
        byte[] text = new TextCorpus(4).prose(2_000_000);
        Path file = Files.write(spool.resolve("shrinking.txt"), text);

        assertThatThrownBy(() -> compression().compress(Content.ofFile(file, text.length + 10, false)))
                .isInstanceOf(IOException.class).hasMessageContaining("ended after");
        try (var left = Files.list(spool)) {
            assertThat(left).containsExactly(file);
        }
    }

    // ---- hard bounds when decompressing

    @Test
    void aZipBombIsRefusedWithoutAllocatingItsSize() throws IOException {
        byte[] bomb = zeros(256L * 1024 * 1024); // 256 MiB of zeros in a few KB
        assertThat(bomb.length).isLessThan(100_000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        refusal(bomb, 1000); // loads the classes involved, so only the decompression is measured

        long before = threads.getCurrentThreadAllocatedBytes();
        // claims 2 MiB (above the in-memory limit: the streaming path) ...
        CompressedContentException streamed = refusal(bomb, 2L * 1024 * 1024);
        // ... or 1,000 bytes (the in-memory path)
        CompressedContentException inMemory = refusal(bomb, 1000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(streamed.tooLarge()).isFalse();
        assertThat(streamed).hasMessageContaining("more than the declared 2097152 bytes");
        assertThat(inMemory.tooLarge()).isFalse();
        // fixed buffers and the spool's in-memory part (up to 1 MiB, grown by doubling) before it
        // spills to a file: a few MiB, against the 256 MiB the bomb expands to
        assertThat(allocated).isLessThan(4L * 1024 * 1024);
        try (var left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    private CompressedContentException refusal(byte[] compressed, long rawLength) throws IOException {
        try {
            compression().decompress(Content.of(compressed), rawLength).release();
        }
        catch (CompressedContentException e) {
            return e;
        }
        throw new AssertionError("a bomb was accepted as " + rawLength + " bytes");
    }

    @Test
    void aDeclaredLengthOverMaxFileBytesIsRefusedBeforeReading() {
        assertThatThrownBy(() -> compression().decompress(Content.ofFile(spool.resolve("never-read"), 10, false),
                MAX_FILE_BYTES + 1))
                .isInstanceOfSatisfying(CompressedContentException.class, e -> assertThat(e.tooLarge()).isTrue());
        assertThatThrownBy(() -> WireCompression.decompress(unreadable(), MAX_FILE_BYTES + 1, MAX_FILE_BYTES,
                OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(CompressedContentException.class, e -> assertThat(e.tooLarge()).isTrue());
    }

    @Test
    void contentShorterThanDeclaredIsRefused() throws IOException {
        byte[] text = new TextCorpus(5).prose(50_000);
        Content compressed = compression().compress(Content.of(text)).orElseThrow();

        assertThatThrownBy(() -> compression().decompress(compressed, text.length + 1))
                .isInstanceOf(CompressedContentException.class).hasMessageContaining("decompresses to 50000 bytes");
        assertThatThrownBy(() -> WireCompression.decompress(compressed.open(), text.length + 1, MAX_FILE_BYTES,
                new ByteArrayOutputStream()))
                .isInstanceOf(CompressedContentException.class).hasMessageContaining("decompresses to 50000 bytes");
    }

    @Test
    void truncatedContentIsRefused() throws IOException {
        byte[] text = new TextCorpus(6).prose(3_000_000);
        Path file = Files.write(spool.resolve("t.txt"), text);
        Content compressed = compression().compress(Content.ofFile(file, text.length, false)).orElseThrow();
        byte[] whole;
        try (InputStream in = compressed.open()) {
            whole = in.readAllBytes();
        }
        compressed.release();

        for (int cut : new int[] {0, 1, 5, whole.length / 2, whole.length - 1}) {
            byte[] truncated = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> compression().decompress(Content.of(truncated), text.length))
                    .as("cut at %d of %d", cut, whole.length)
                    .isInstanceOf(CompressedContentException.class);
        }
    }

    @Test
    void garbageAndTrailingBytesAreRefused() throws IOException {
        byte[] text = new TextCorpus(7).prose(20_000);
        byte[] compressed = read(compression().compress(Content.of(text)).orElseThrow());
        byte[] trailing = Arrays.copyOf(compressed, compressed.length + 3);

        assertThatThrownBy(() -> compression().decompress(Content.of(text), text.length))
                .isInstanceOf(CompressedContentException.class);
        assertThatThrownBy(() -> compression().decompress(Content.of(trailing), text.length))
                .isInstanceOf(CompressedContentException.class);
        assertThatThrownBy(() -> WireCompression.decompress(new java.io.ByteArrayInputStream(trailing), text.length,
                MAX_FILE_BYTES, new ByteArrayOutputStream()))
                .isInstanceOf(CompressedContentException.class);
    }

    @Test
    void aFrameAskingForAHugeWindowIsRefused() throws IOException {
        // a legitimate frame made with a 128 MiB window: our decoder allows 8 MiB, so it is refused, not obeyed
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(out)) {
            zstd.setLevel(3);
            zstd.setWindowLog(27);
            zstd.setLong(27);
            zstd.write(new TextCorpus(8).prose(20 * 1024 * 1024));
        }
        byte[] frame = out.toByteArray();

        assertThatThrownBy(() -> WireCompression.decompress(new java.io.ByteArrayInputStream(frame), 20 * 1024 * 1024,
                MAX_FILE_BYTES, OutputStream.nullOutputStream()))
                .isInstanceOf(CompressedContentException.class).hasMessageContaining("too much memory");
    }

    @Test
    void emptyContentRoundTrips() throws IOException {
        byte[] empty = Zstd.compress(new byte[0]);

        assertThat(compression().decompress(Content.of(empty), 0).length()).isZero();
    }

    // ---- helpers

    private static byte[] zeros(long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(out, 1)) {
            byte[] block = new byte[1024 * 1024];
            for (long written = 0; written < length; written += block.length) {
                zstd.write(block);
            }
        }
        return out.toByteArray();
    }

    private static byte[] withSize(byte[] pattern, int size) {
        byte[] out = new byte[size];
        for (int at = 0; at < size; at += pattern.length) {
            System.arraycopy(pattern, 0, out, at, Math.min(pattern.length, size - at));
        }
        return out;
    }

    private static InputStream unreadable() {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("nothing may be read");
            }
        };
    }

    private static byte[] read(Content content) throws IOException {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }
}
