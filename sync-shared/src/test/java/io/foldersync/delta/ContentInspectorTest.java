package io.foldersync.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.files.TextFiles;
import io.foldersync.testing.TextCorpus;

/** One pass gives what TextFiles gives, plus the chunk list the chunker makes of the same bytes. */
class ContentInspectorTest {

    @TempDir
    Path dir;

    @Test
    void agreesWithTextFilesAndTheChunker() throws IOException {
        List<byte[]> contents = List.of(new byte[0], utf8("hello\n"), utf8("€ 日本語 😀\n".repeat(20_000)),
                new TextCorpus(1).sourceCode(300_000), utf8("a\u0000b"), new byte[] {'a', (byte) 0xC3},
                withNulAt(new TextCorpus(2).prose(500_000), 400_000));
        for (byte[] content : contents) {
            Path file = Files.write(dir.resolve("f"), content);

            ContentInspector.Inspection inspection = ContentInspector.inspect(file, true);

            assertThat(inspection.withoutChunks()).isEqualTo(TextFiles.inspect(file));
            if (inspection.text()) {
                assertThat(inspection.chunks()).isEqualTo(chunkedDirectly(content));
                assertThat(inspection.chunks().totalLength()).isEqualTo(content.length);
            }
            else {
                assertThat(inspection.chunks()).isNull();
            }
            assertThat(ContentInspector.inspect(content)).isEqualTo(inspection);
        }
    }

    @Test
    void filesUnderTheThresholdGetNoChunkListWhenInspectedByPath() throws IOException {
        int threshold = (int) ContentInspector.CHUNKED_FROM_BYTES;
        Path small = Files.write(dir.resolve("small"), new TextCorpus(4).prose(threshold - 1));
        Path large = Files.write(dir.resolve("large"), new TextCorpus(4).prose(threshold));

        assertThat(ContentInspector.inspect(small).chunks()).isNull();
        assertThat(ContentInspector.inspect(small).withoutChunks()).isEqualTo(TextFiles.inspect(small));
        assertThat(ContentInspector.inspect(large).chunks()).isEqualTo(ContentInspector.inspect(large, true).chunks())
                .isNotNull();
        assertThat(ContentInspector.inspect(large, false)).isEqualTo(
                new ContentInspector.Inspection(TextFiles.inspect(large).sha256(), threshold, true, null));
    }

    @Test
    void readsInAnyPieceSizeGiveTheSameInspection() throws IOException {
        byte[] content = new TextCorpus(3).prose(400_000);

        assertThat(ContentInspector.inspect(trickle(content, 3))).isEqualTo(ContentInspector.inspect(content));
        assertThat(ContentInspector.inspect(trickle(content, 70_001))).isEqualTo(ContentInspector.inspect(content));
    }

    @Test
    void anInspectionIsFinishedOnce() {
        ContentInspector inspector = new ContentInspector();
        inspector.finish();

        assertThatThrownBy(inspector::finish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> inspector.update(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    private static ChunkList chunkedDirectly(byte[] content) throws IOException {
        ChunkList.Builder builder = new ChunkList.Builder();
        Chunker chunker = new Chunker((bytes, offset, length) -> {
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
            String sha = TextFiles.sha256(chunk);
            builder.add(Long.parseUnsignedLong(sha.substring(0, 16), 16), Long.parseUnsignedLong(sha.substring(16, 32), 16),
                    length);
        });
        chunker.update(content, 0, content.length);
        chunker.finish();
        return builder.build();
    }

    private static byte[] withNulAt(byte[] content, int at) {
        content[at] = 0;
        return content;
    }

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
}
