package io.foldersync.bench.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The files of a case: a tree of code and prose whose layout, sizes and content follow from one
 * seed. Three files in four are code under {@code src/m<k>/p<j>/}, one in four prose under
 * {@code docs/d<k>/}; no directory holds more than 100 files. Sizes are uniform between half and
 * one and a half times the mean, so the total is close to count x mean.
 */
public final class DataSet {

    private DataSet() {
    }

    /** One file to generate. */
    public record FileSpec(String path, long size, TextGenerator.Kind kind, long seed) {
    }

    public static List<FileSpec> files(int count, long meanSize, long seed) {
        List<FileSpec> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long fileSeed = mix(seed, i);
            SplittableRandom random = new SplittableRandom(fileSeed);
            long size = Math.max(1, Math.round(meanSize * (0.5 + random.nextDouble())));
            boolean prose = i % 4 == 3;
            String path = prose ? "docs/d" + (i / 400) + "/note-" + i + ".md"
                    : "src/m" + (i / 1000) + "/p" + (i / 100 % 10) + "/Unit" + i + ".java";
            files.add(new FileSpec(path, size, prose ? TextGenerator.Kind.PROSE : TextGenerator.Kind.CODE, fileSeed));
        }
        return files;
    }

    /** Writes the files under the root and returns their manifest (hashed while writing). */
    public static Manifest write(Path root, List<FileSpec> files, TextGenerator text) throws IOException {
        Map<String, Manifest.Entry> entries = new TreeMap<>();
        for (FileSpec file : files) {
            entries.put(file.path(), write(root.resolve(file.path()), file, text));
        }
        return new Manifest(entries);
    }

    static Manifest.Entry write(Path target, FileSpec file, TextGenerator text) throws IOException {
        Files.createDirectories(target.getParent());
        MessageDigest digest = Hashing.sha256();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(target), 1 << 16),
                digest)) {
            text.write(out, file.size(), file.kind(), file.seed());
        }
        return new Manifest.Entry(file.size(), HexFormat.of().formatHex(digest.digest()));
    }

    /** SplitMix64 of seed and index: neighbouring files get unrelated streams. */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E5DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
