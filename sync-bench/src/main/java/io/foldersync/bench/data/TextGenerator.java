package io.foldersync.bench.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic text that looks like source code (indented blocks, declarations, calls, comments)
 * or prose (wrapped sentences in paragraphs under headings, a few accented words), written line by
 * line so that a file of any size streams without being held in memory.
 *
 * <p>Why not random bytes or lorem ipsum: both sides of the benchmark may compress and chunk, so the
 * data must behave like the folders the product is for. Words come from a seeded vocabulary of
 * pseudo-words drawn with a Zipf-like law (a few very common words, a long tail), which gives text
 * that compresses about as well as real source code and prose do (roughly 3-4x with zstd/gzip), and
 * never repeats itself at a period that content-defined chunking could exploit.
 */
public final class TextGenerator {

    /** Lines are wrapped near this width; a line never exceeds it by more than one word. */
    static final int WRAP = 80;

    private static final String[] ONSETS = { "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s",
            "t", "v", "w", "z", "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "str", "th", "tr", "" };

    private static final String[] VOWELS = { "a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y" };

    private static final String[] CODAS = { "", "", "", "n", "r", "s", "t", "l", "m", "nd", "ck", "st", "x" };

    private static final String[] ACCENTED = { "café", "naïve", "Zürich", "façade", "déjà", "Ångström", "über",
            "coöperate", "résumé", "São" };

    private static final String[] TYPES = { "int", "long", "String", "boolean", "double", "List<String>",
            "Map<String, Long>", "Optional<Path>", "byte[]", "Duration" };

    private static final String[] MODIFIERS = { "public ", "private ", "protected ", "", "static ", "private static ",
            "public final ", "final " };

    private static final int VOCABULARY = 4000;

    private final String[] words;

    /** Zipf-Mandelbrot offset: the most common word makes a few per cent of the text, like "the" in English. */
    private static final double MANDELBROT = 2.7;

    /** cumulative[i]: probability that a drawn word has rank at most i (Zipf-Mandelbrot, exponent 1). */
    private final double[] cumulative;

    public TextGenerator(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> vocabulary = new LinkedHashSet<>();
        while (vocabulary.size() < VOCABULARY) {
            StringBuilder word = new StringBuilder();
            int syllables = 1 + random.nextInt(3) + (random.nextInt(4) == 0 ? 1 : 0);
            for (int s = 0; s < syllables; s++) {
                word.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
            }
            word.append(CODAS[random.nextInt(CODAS.length)]);
            vocabulary.add(word.toString());
        }
        words = vocabulary.toArray(String[]::new);
        cumulative = new double[words.length];
        double sum = 0;
        for (int i = 0; i < words.length; i++) {
            sum += 1.0 / (i + MANDELBROT);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** The kind of text a file holds. */
    public enum Kind {
        CODE, PROSE
    }

    /**
     * Writes exactly {@code size} bytes of text of the given kind: whole lines, the last one padded
     * (or, for tiny sizes, cut within ASCII) so the length is exact. Same seed, same bytes.
     */
    public void write(OutputStream out, long size, Kind kind, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        LineSource lines = kind == Kind.CODE ? new CodeLines(random) : new ProseLines(random);
        long written = 0;
        while (written < size) {
            byte[] line = (lines.next() + "\n").getBytes(StandardCharsets.UTF_8);
            long left = size - written;
            if (line.length <= left - 2 || line.length == left) {
                out.write(line);
                written += line.length;
            }
            else {
                // the end of the file: an ASCII line of the exact remaining length (ends with a newline)
                byte[] last = filler(random, (int) left);
                out.write(last);
                written += last.length;
            }
        }
    }

    /** The whole text as bytes (small files only). */
    public byte[] bytes(long size, Kind kind, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        try {
            write(out, size, kind, seed);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot happen with a byte array", e);
        }
        return out.toByteArray();
    }

    private byte[] filler(SplittableRandom random, int length) {
        byte[] line = new byte[length];
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(word(random)).append(' '); // the vocabulary is ASCII
        }
        for (int i = 0; i < length; i++) {
            line[i] = (byte) text.charAt(i);
        }
        line[length - 1] = '\n';
        return line;
    }

    String word(SplittableRandom random) {
        int rank = Arrays.binarySearch(cumulative, random.nextDouble());
        return words[Math.min(words.length - 1, rank < 0 ? -rank - 1 : rank)];
    }

    private String identifier(SplittableRandom random) {
        String first = word(random);
        if (random.nextInt(3) == 0) {
            return first;
        }
        String second = word(random);
        return first + Character.toUpperCase(second.charAt(0)) + second.substring(1);
    }

    private String typeName(SplittableRandom random) {
        if (random.nextInt(3) > 0) {
            return TYPES[random.nextInt(TYPES.length)];
        }
        String name = identifier(random);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private interface LineSource {
        String next();
    }

    /** Java-like code: classes of methods with statements, blocks and comments. */
    private final class CodeLines implements LineSource {

        private final SplittableRandom random;

        private int depth;

        private int sinceOpen;

        CodeLines(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public String next() {
            String indent = "    ".repeat(depth);
            if (depth == 0) {
                depth = 1;
                sinceOpen = 0;
                String name = identifier(random);
                return "public class " + Character.toUpperCase(name.charAt(0)) + name.substring(1) + " {";
            }
            if (depth == 1) {
                int pick = random.nextInt(10);
                if (pick == 0) {
                    return "";
                }
                if (pick < 3) {
                    return indent + "private final " + typeName(random) + " " + identifier(random) + ";";
                }
                if (pick == 3 && sinceOpen > 6) {
                    depth = 0;
                    return "}\n";
                }
                depth = 2;
                sinceOpen++;
                return indent + MODIFIERS[random.nextInt(MODIFIERS.length)] + typeName(random) + " "
                        + identifier(random) + "(" + typeName(random) + " " + identifier(random) + ") {";
            }
            int pick = random.nextInt(14);
            if (pick == 0 || (depth > 3 && pick < 5)) {
                depth--;
                return indent.substring(4) + "}";
            }
            if (pick < 3) {
                StringBuilder comment = new StringBuilder(indent).append("//");
                int n = 3 + random.nextInt(9);
                for (int i = 0; i < n; i++) {
                    comment.append(' ').append(word(random));
                }
                return comment.toString();
            }
            if (pick == 3) {
                depth++;
                return indent + "if (" + identifier(random) + " != null && " + identifier(random) + ".size() > "
                        + random.nextInt(100) + ") {";
            }
            if (pick == 4) {
                depth++;
                return indent + "for (" + typeName(random) + " " + identifier(random) + " : " + identifier(random)
                        + "." + identifier(random) + "()) {";
            }
            if (pick == 5) {
                return indent + "return " + identifier(random) + ";";
            }
            if (pick == 6) {
                return indent + "throw new IllegalStateException(\"" + word(random) + " " + word(random) + " "
                        + word(random) + "\");";
            }
            return indent + "final " + typeName(random) + " " + identifier(random) + " = " + identifier(random) + "."
                    + identifier(random) + "(" + identifier(random) + ", " + random.nextInt(1000) + ");";
        }
    }

    /** Prose: headings, then paragraphs of sentences wrapped near {@link #WRAP} columns. */
    private final class ProseLines implements LineSource {

        private final SplittableRandom random;

        private final StringBuilder pending = new StringBuilder();

        private int sentencesLeft;

        private boolean needHeading = true;

        ProseLines(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public String next() {
            if (needHeading) {
                needHeading = false;
                sentencesLeft = 3 + random.nextInt(8);
                return "## " + capital(word(random)) + " " + word(random) + " " + word(random) + "\n";
            }
            while (pending.length() < WRAP && sentencesLeft > 0) {
                appendSentence();
                sentencesLeft--;
            }
            if (pending.length() == 0) {
                // end of a paragraph: a blank line, sometimes a new heading after it
                sentencesLeft = 3 + random.nextInt(8);
                needHeading = random.nextInt(5) == 0;
                return "";
            }
            int cut = pending.length() <= WRAP ? pending.length() : pending.lastIndexOf(" ", WRAP);
            if (cut <= 0) {
                cut = Math.min(pending.length(), pending.indexOf(" ") < 0 ? pending.length() : pending.indexOf(" "));
            }
            String line = pending.substring(0, cut);
            pending.delete(0, Math.min(pending.length(), cut + 1));
            return line;
        }

        private void appendSentence() {
            int n = 6 + random.nextInt(16);
            if (pending.length() > 0) {
                pending.append(' ');
            }
            for (int i = 0; i < n; i++) {
                String w = random.nextInt(200) == 0 ? ACCENTED[random.nextInt(ACCENTED.length)] : word(random);
                pending.append(i == 0 ? capital(w) : w);
                if (i < n - 1) {
                    pending.append(random.nextInt(9) == 0 ? ", " : " ");
                }
            }
            pending.append(random.nextInt(7) == 0 ? "?" : ".");
        }

        private String capital(String w) {
            return Character.toUpperCase(w.charAt(0)) + w.substring(1);
        }
    }
}
