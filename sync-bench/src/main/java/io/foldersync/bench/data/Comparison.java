package io.foldersync.bench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A tree held against the manifest it must match. {@link #bySize} is the cheap look (one stat per
 * file) used to decide when to look closely; {@link #byContent} hashes every file and is the only
 * verdict a time is ever taken on.
 *
 * @param expected files the manifest lists
 * @param missing listed files absent from the tree
 * @param differing listed files present with another size (or, by content, another hash)
 * @param extra synchronised-looking files the manifest does not list (a conflict copy, a leftover)
 * @param examples a few of the paths above, to say what was missing
 * @param lastChange by content only: the latest status change (ctime) among the listed files, i.e.
 *        the moment the last of them was put in place; null when unknown
 */
public record Comparison(int expected, int missing, int differing, int extra, List<String> examples,
        Instant lastChange) {

    private static final int EXAMPLES = 3;

    public boolean equal() {
        return missing == 0 && differing == 0 && extra == 0;
    }

    /** "all 5,000 files equal", or what is wrong, with examples. */
    public String describe() {
        if (equal()) {
            return String.format("all %,d files equal", expected);
        }
        return String.format("%,d of %,d missing, %,d differing, %,d extra", missing, expected, differing, extra)
                + (examples.isEmpty() ? "" : " (e.g. " + String.join(", ", examples) + ")");
    }

    public static Comparison bySize(Manifest manifest, Path root) throws IOException {
        return compare(manifest, root, false);
    }

    public static Comparison byContent(Manifest manifest, Path root) throws IOException {
        return compare(manifest, root, true);
    }

    private static Comparison compare(Manifest manifest, Path root, boolean content) throws IOException {
        Set<String> seen = new HashSet<>();
        List<String> examples = new ArrayList<>();
        int[] differing = { 0 };
        int[] extra = { 0 };
        Instant[] lastChange = { null };
        Trees.walk(root, (relative, file, attributes) -> {
            Manifest.Entry want = manifest.get(relative);
            if (want == null) {
                extra[0]++;
                example(examples, relative + " extra");
                return;
            }
            seen.add(relative);
            boolean same = attributes.size() == want.size();
            if (same && content) {
                same = Hashing.sha256(file).equals(want.sha256());
                FileTime changed = (FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
                if (lastChange[0] == null || changed.toInstant().isAfter(lastChange[0])) {
                    lastChange[0] = changed.toInstant();
                }
            }
            if (!same) {
                differing[0]++;
                example(examples, relative + " differs");
            }
        });
        int missing = manifest.count() - seen.size();
        if (missing > 0) {
            manifest.entries().keySet().stream().filter(p -> !seen.contains(p)).limit(EXAMPLES)
                    .forEach(p -> example(examples, p + " missing"));
        }
        return new Comparison(manifest.count(), missing, differing[0], extra[0], List.copyOf(examples), lastChange[0]);
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(text);
        }
    }
}
