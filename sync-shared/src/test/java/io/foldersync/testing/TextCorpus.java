package io.foldersync.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic, realistic-looking text for tests and benchmarks: source code (Java-like, with
 * indentation, comments, literals) and prose (Zipf-distributed words, sentences, paragraphs
 * wrapped at 72 columns). The same seed gives the same bytes on every machine.
 */
public final class TextCorpus {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ser", "ta", "ne", "ri", "vo", "den", "po", "lu",
            "sa", "ter", "in", "ex", "con", "pre", "ma", "tion", "al", "ing", "er", "re", "de", "com", "pro", "an",
            "el", "or", "ul", "qui", "st", "th", "ch", "ph", "ble", "ment", "ous", "ive", "ate"};

    private static final String[] KEYWORDS = {"final", "return", "if", "else", "for", "while", "new", "int", "long",
            "String", "var", "boolean", "static", "private", "public", "void", "this", "null", "true", "false"};

    private final Random random;

    private final List<String> words = new ArrayList<>();

    public TextCorpus(long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            StringBuilder word = new StringBuilder();
            int syllables = 1 + Math.min(4, (int) Math.abs(random.nextGaussian() * 1.3));
            for (int s = 0; s < syllables; s++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words.add(word.toString());
        }
    }

    /** A Zipf-like pick: low indexes (common words) far more often than high ones. */
    private String word() {
        int index = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(words.size() + 1))) - 1;
        return words.get(Math.max(0, Math.min(words.size() - 1, index)));
    }

    public byte[] prose(int bytes) {
        StringBuilder out = new StringBuilder(bytes + 200);
        int column = 0;
        while (out.length() < bytes) {
            int sentence = 5 + random.nextInt(20);
            for (int w = 0; w < sentence; w++) {
                String word = word();
                if (w == 0) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                if (w == sentence - 1) {
                    word += random.nextInt(8) == 0 ? "?" : ".";
                }
                else if (random.nextInt(10) == 0) {
                    word += ",";
                }
                if (column + word.length() + 1 > 72) {
                    out.append('\n');
                    column = 0;
                }
                else if (column > 0) {
                    out.append(' ');
                    column++;
                }
                out.append(word);
                column += word.length();
            }
            if (random.nextInt(6) == 0) {
                out.append("\n\n");
                column = 0;
            }
        }
        return truncate(out, bytes);
    }

    public byte[] sourceCode(int bytes) {
        StringBuilder out = new StringBuilder(bytes + 200);
        int depth = 0;
        while (out.length() < bytes) {
            int kind = random.nextInt(12);
            String indent = "    ".repeat(depth);
            if (kind == 0 && depth < 4) {
                out.append(indent).append(random.nextBoolean() ? "public " : "private ").append(type()).append(' ')
                        .append(identifier()).append('(').append(type()).append(' ').append(identifier()).append(") {\n");
                depth++;
            }
            else if (kind == 1 && depth > 0) {
                depth--;
                out.append("    ".repeat(depth)).append("}\n\n");
            }
            else if (kind == 2) {
                out.append(indent).append("// ").append(word()).append(' ').append(word()).append(' ')
                        .append(word()).append(' ').append(word()).append('\n');
            }
            else if (kind == 3 && depth < 4) {
                out.append(indent).append("if (").append(identifier()).append(" != null && ")
                        .append(identifier()).append(".size() > ").append(random.nextInt(100)).append(") {\n");
                depth++;
            }
            else if (kind == 4) {
                out.append(indent).append("log.info(\"").append(word()).append(' ').append(word())
                        .append(" {}\", ").append(identifier()).append(");\n");
            }
            else {
                out.append(indent).append(KEYWORDS[random.nextInt(KEYWORDS.length)]).append(' ')
                        .append(identifier()).append(" = ").append(identifier()).append('.')
                        .append(identifier()).append('(').append(identifier()).append(", ")
                        .append(random.nextInt(1000)).append(");\n");
            }
        }
        return truncate(out, bytes);
    }

    private String type() {
        String word = word();
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private String identifier() {
        String second = word();
        return word() + (random.nextBoolean() ? Character.toUpperCase(second.charAt(0)) + second.substring(1) : "");
    }

    /** A line of prose, ending in a newline. */
    public String line() {
        StringBuilder line = new StringBuilder();
        int count = 4 + random.nextInt(10);
        for (int i = 0; i < count; i++) {
            line.append(i == 0 ? "" : " ").append(word());
        }
        return line.append(".\n").toString();
    }

    private static byte[] truncate(StringBuilder text, int bytes) {
        // the vocabulary is ASCII, so characters and bytes agree
        return text.substring(0, bytes).getBytes(StandardCharsets.UTF_8);
    }
}
