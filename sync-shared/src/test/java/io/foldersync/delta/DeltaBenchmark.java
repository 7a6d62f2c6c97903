package io.foldersync.delta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

import io.foldersync.files.TextCheck;
import io.foldersync.files.TextFiles;
import io.foldersync.testing.TextCorpus;

/**
 * Throughput of the pieces a sync pass is made of, on this machine, from memory (no disk in the
 * figures unless said): SHA-256, the text check, the chunker, the one-pass inspection, zstd at
 * levels -1/1/3 (ratio too) on generated and real text, and recipe build and apply for the 20 MB
 * one-line insert. Each figure is the median (and best) of {@value #RUNS} timed runs after
 * {@value #WARMUP} warm-up runs of the same work, so the JIT has compiled it, in MB per CPU-second
 * of the measuring thread (the machine is shared: wall-clock figures are printed too). Run with
 * {@code ./mvnw -B -pl sync-shared verify -Pbenchmark -Dtest=DeltaBenchmark}; the table goes to
 * stdout and {@code sync-shared/target/benchmark/delta.txt}. The numbers are written up in
 * {@code src-docs/performance-notes.md}.
 */
@Tag("benchmark")
class DeltaBenchmark {

    private static final int WARMUP = 3;

    private static final int RUNS = 7;

    private static final int MB = 1000 * 1000;

    @TempDir
    Path dir;

    private final StringBuilder report = new StringBuilder();

    @FunctionalInterface
    interface Work {
        long run() throws Exception; // returns something derived from the work, so it cannot be optimised away
    }

    @Test
    void measure() throws Exception {
        line("DeltaBenchmark, %s, %d cores, Java %s, load average before %.2f", cpu(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load());
        TextCorpus corpus = new TextCorpus(2026);
        byte[] code = corpus.sourceCode(64 * MB);
        byte[] prose = corpus.prose(64 * MB);
        byte[] realJava = realJava(64 * MB);
        byte[] realDocs = realDocs();

        line("");
        line("## Hashing, text check, chunking, inspection (64 MB generated source code, in memory)");
        MessageDigest sha = TextFiles.sha256Digest();
        throughput("SHA-256 (MessageDigest, 64 KiB updates)", code.length, () -> {
            for (int at = 0; at < code.length; at += 65536) {
                sha.update(code, at, Math.min(65536, code.length - at));
            }
            return sha.digest()[0];
        });
        throughput("TextCheck (NUL + UTF-8)", code.length, () -> {
            TextCheck check = new TextCheck();
            check.update(code, 0, code.length);
            return check.finish() ? 1 : 0;
        });
        throughput("TextCheck on real docs (vim help, x7)", 7L * realDocs.length, () -> {
            TextCheck check = new TextCheck();
            for (int i = 0; i < 7; i++) {
                check.update(realDocs, 0, realDocs.length);
            }
            return check.finish() ? 1 : 0;
        });
        throughput("FastCDC cut points only", code.length, () -> {
            long[] count = new long[1];
            Chunker chunker = new Chunker((b, o, l) -> count[0]++);
            feed(chunker, code);
            return count[0];
        });
        throughput("FastCDC + chunk ids (SHA-256 per chunk)", code.length, () -> Recipes.chunks(code).size());
        throughput("TextFiles.inspect (SHA-256 + text)", code.length,
                () -> TextFiles.inspect(new ByteArrayInputStream(code)).size());
        throughput("ContentInspector (SHA-256 + text + chunk list)", code.length,
                () -> ContentInspector.inspect(new ByteArrayInputStream(code)).chunks().size());
        throughput("ContentInspector without chunk list", code.length,
                () -> ContentInspector.inspect(new ByteArrayInputStream(code), false).size());
        throughput("ContentInspector on prose", prose.length,
                () -> ContentInspector.inspect(new ByteArrayInputStream(prose)).chunks().size());
        Path file = Files.write(dir.resolve("code.txt"), code);
        throughput("ContentInspector from a file (page cache)", code.length,
                () -> ContentInspector.inspect(file, true).chunks().size());

        byte[][] small = new byte[5000][];
        for (int i = 0; i < small.length; i++) {
            int at = (int) (i * 20_000L % (code.length - 20_000));
            small[i] = Arrays.copyOfRange(code, at, at + 20_000);
        }
        throughput("5,000 x 20 KB: TextFiles.inspect per file", 100 * MB, () -> {
            long sum = 0;
            for (byte[] f : small) {
                sum += TextFiles.inspect(new ByteArrayInputStream(f)).size();
            }
            return sum;
        });
        throughput("5,000 x 20 KB: ContentInspector, no chunk list", 100 * MB, () -> {
            long sum = 0;
            for (byte[] f : small) {
                sum += ContentInspector.inspect(new ByteArrayInputStream(f), false).size();
            }
            return sum;
        });
        throughput("5,000 x 20 KB: ContentInspector with chunk lists", 100 * MB, () -> {
            long sum = 0;
            for (byte[] f : small) {
                sum += ContentInspector.inspect(new ByteArrayInputStream(f), true).chunks().size();
            }
            return sum;
        });

        line("");
        line("## zstd, one stream per corpus (ratio = plain / compressed)");
        zstdStreams("generated source code", code);
        zstdStreams("generated prose", prose);
        if (realJava != null) {
            zstdStreams("real Java source (JDK src.zip)", realJava);
        }
        if (realDocs != null) {
            zstdStreams("real docs (vim help files)", realDocs);
        }

        line("");
        line("## zstd, 5,000 files of 20 KB each (100 MB, one-shot per file: the first-sync case)");
        zstdFiles("generated source code", code);
        if (realJava != null) {
            zstdFiles("real Java source", realJava);
        }
        zstdFiles("generated prose", prose);

        line("");
        line("## Delta: one line inserted in the middle of a 20 MB text file");
        delta(corpus);

        line("");
        line("load average after %.2f", load());
        Path out = Path.of("target", "benchmark", "delta.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
    }

    private void zstdStreams(String name, byte[] data) throws Exception {
        for (int level : new int[] {-1, 1, 3}) {
            byte[] compressed = streamCompress(data, level);
            double compress = throughput(null, data.length, () -> streamCompress(data, level).length);
            double decompress = throughput(null, data.length, () -> streamDecompress(compressed));
            line("  %-34s level %2d: ratio %5.2f, compress %6.0f MB/s, decompress %6.0f MB/s", name, level,
                    (double) data.length / compressed.length, compress, decompress);
        }
    }

    private void zstdFiles(String name, byte[] data) throws Exception {
        int files = 5000;
        int size = 20 * 1000;
        byte[][] inputs = new byte[files][];
        for (int i = 0; i < files; i++) {
            int at = (int) ((long) i * size % (data.length - size));
            inputs[i] = Arrays.copyOfRange(data, at, at + size);
        }
        long total = (long) files * size;
        for (int level : new int[] {-1, 1, 3}) {
            try (ZstdCompressCtx ctx = new ZstdCompressCtx(); ZstdDecompressCtx dctx = new ZstdDecompressCtx()) {
                ctx.setLevel(level);
                byte[] out = new byte[(int) Zstd.compressBound(size)];
                byte[][] compressed = new byte[files][];
                long compressedBytes = 0;
                for (int i = 0; i < files; i++) {
                    compressed[i] = ctx.compress(inputs[i]);
                    compressedBytes += compressed[i].length;
                }
                double reused = throughput(null, total, () -> {
                    long sum = 0;
                    for (byte[] input : inputs) {
                        sum += ctx.compressByteArray(out, 0, out.length, input, 0, input.length);
                    }
                    return sum;
                });
                double fresh = throughput(null, total, () -> {
                    long sum = 0;
                    for (byte[] input : inputs) {
                        sum += Zstd.compress(input, level).length;
                    }
                    return sum;
                });
                byte[] plain = new byte[size];
                double decompress = throughput(null, total, () -> {
                    long sum = 0;
                    for (byte[] c : compressed) {
                        sum += dctx.decompressByteArray(plain, 0, size, c, 0, c.length);
                    }
                    return sum;
                });
                line("  %-22s level %2d: ratio %5.2f (%6.1f MB on the wire), compress %5.0f MB/s (new context per file %5.0f), "
                        + "decompress %5.0f MB/s", name, level, (double) total / compressedBytes,
                        compressedBytes / 1e6, reused, fresh, decompress);
            }
        }
    }

    private void delta(TextCorpus corpus) throws Exception {
        byte[] base = corpus.prose(20 * MB);
        int middle = base.length / 2;
        while (base[middle - 1] != '\n') {
            middle++;
        }
        byte[] line = corpus.line().getBytes(StandardCharsets.UTF_8);
        byte[] target = new byte[base.length + line.length];
        System.arraycopy(base, 0, target, 0, middle);
        System.arraycopy(line, 0, target, middle, line.length);
        System.arraycopy(base, middle, target, middle + line.length, base.length - middle);
        Path baseFile = Files.write(dir.resolve("base.txt"), base);
        ContentInspector.Inspection inspection = ContentInspector.inspect(base);
        String targetSha = TextFiles.sha256(target);
        ByteArrayOutputStream recipeOut = new ByteArrayOutputStream();
        RecipeWriter.Summary summary = RecipeWriter.write(new ByteArrayInputStream(target), target.length, targetSha,
                inspection.chunks(), inspection.sha256(), recipeOut);
        byte[] recipe = recipeOut.toByteArray();
        byte[] recipeZstd = Zstd.compress(recipe, 1);
        line("  recipe: %,d bytes (%.4f %% of %,d), %d copies, %d data runs (%,d literal bytes); zstd level 1 of it: %,d bytes",
                recipe.length, 100.0 * recipe.length / target.length, target.length, summary.copies(),
                summary.literals(), summary.literalBytes(), recipeZstd.length);
        line("  the base's chunk list (the receiver-sent fallback adds it): %,d bytes for %,d chunks",
                inspection.chunks().encodedSize(), inspection.chunks().size());
        line("  rsync: 50,596 bytes (0.25 %%)");
        throughput("  build the recipe (read 20 MB, chunk, hash, match)", target.length,
                () -> RecipeWriter.write(new ByteArrayInputStream(target), target.length, targetSha,
                        inspection.chunks(), inspection.sha256(), OutputStream.nullOutputStream()).recipeBytes());
        throughput("  apply it (base file in page cache -> output, inspected)", target.length, () -> {
            try (InputStream in = new ByteArrayInputStream(recipe)) {
                return RecipeApplier.apply(in, baseFile, inspection.sha256(), OutputStream.nullOutputStream(),
                        Long.MAX_VALUE).size();
            }
        });
        Path targetFile = Files.write(dir.resolve("target.txt"), target);
        ChunkList targetChunks = ContentInspector.inspect(target).chunks();
        throughput("  build it from the chunk lists (reads only the data chunk)", target.length, () -> {
            try (var channel = Files.newByteChannel(targetFile)) {
                return RecipeWriter.write(targetChunks, targetSha, channel, inspection.chunks(), inspection.sha256(),
                        OutputStream.nullOutputStream()).recipeBytes();
            }
        });
        Path outFile = dir.resolve("out.txt");
        throughput("  apply it into a file (no fsync)", target.length, () -> {
            try (InputStream in = new ByteArrayInputStream(recipe); OutputStream out = Files.newOutputStream(outFile)) {
                return RecipeApplier.apply(in, baseFile, inspection.sha256(), out, Long.MAX_VALUE).size();
            }
        });
    }

    // ---- measuring

    /**
     * MB per CPU-second of this thread (median of RUNS timed runs after WARMUP untimed ones), the
     * figure that budgets work on a shared machine: other load slows the wall clock, not this.
     * The wall-clock median is printed beside it. Prints a line when named.
     */
    private double throughput(String name, long bytes, Work work) throws Exception {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += work.run();
        }
        double[] cpu = new double[RUNS];
        double[] wall = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            sink += work.run();
            wall[i] = (System.nanoTime() - start) / 1e9;
            cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e9;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        double perCpuSecond = bytes / 1e6 / cpu[RUNS / 2];
        if (name != null) {
            line("  %-52s %6.0f MB/s per CPU-second (best %5.0f; wall clock %5.0f)  [%d]", name, perCpuSecond,
                    bytes / 1e6 / cpu[0], bytes / 1e6 / wall[RUNS / 2], sink & 1);
        }
        return perCpuSecond;
    }

    private static void feed(Chunker chunker, byte[] data) throws IOException {
        for (int at = 0; at < data.length; at += 65536) {
            chunker.update(data, at, Math.min(65536, data.length - at));
        }
        chunker.finish();
    }

    private static byte[] streamCompress(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, level)) {
            for (int at = 0; at < data.length; at += 65536) {
                zstd.write(data, at, Math.min(65536, data.length - at));
            }
        }
        return out.toByteArray();
    }

    private static long streamDecompress(byte[] compressed) throws IOException {
        long total = 0;
        byte[] buffer = new byte[65536];
        try (ZstdInputStreamNoFinalizer in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(compressed))) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
        }
        return total;
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    // ---- real text, when this machine has it

    private static byte[] realJava(int limit) throws IOException {
        for (Path zip : List.of(Path.of(System.getProperty("java.home"), "lib", "src.zip"),
                Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip"))) {
            if (Files.isReadable(zip)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(limit);
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                    ZipEntry entry;
                    while ((entry = in.getNextEntry()) != null && out.size() < limit) {
                        if (entry.getName().endsWith(".java")) {
                            in.transferTo(out);
                        }
                    }
                }
                return Arrays.copyOf(out.toByteArray(), Math.min(limit, out.size()));
            }
        }
        return null;
    }

    private static byte[] realDocs() throws IOException {
        Path docs = Path.of("/usr/share/vim/vim90/doc");
        if (!Files.isDirectory(docs)) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(docs)) {
            list.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            if (TextCheck.isText(bytes)) {
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        }
        catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
