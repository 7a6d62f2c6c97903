package io.foldersync.bench.product;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.foldersync.bench.support.Deadline;

/**
 * Reads a process's log file as it grows. A line's time is the timestamp the process wrote at its
 * start (Spring Boot's ISO-8601 one, to the millisecond), not when the benchmark happened to read
 * it, so the figures do not depend on how often the file is polled.
 */
public final class LogWatch {

    /** The timestamp Spring Boot's default pattern puts first: {@code 2026-12-01T01:03:22.173Z} or with an offset. */
    static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}))");

    private static final Duration POLL = Duration.ofMillis(20);

    /**
     * A line of the log.
     *
     * @param at the line's own timestamp, or when it was read when the line has none
     * @param stamped whether {@code at} came from the line
     */
    public record Line(Instant at, boolean stamped, String text) {
    }

    private final Path file;

    LogWatch(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Waits for the first line (from the start of the file) matching the pattern. Gives up at the
     * deadline, or as soon as {@code keepWaiting} says false (the process died).
     */
    public Optional<Line> await(Pattern pattern, Deadline deadline, BooleanSupplier keepWaiting) throws IOException {
        long offset = 0;
        StringBuilder partial = new StringBuilder();
        while (true) {
            boolean alive = keepWaiting.getAsBoolean();
            if (Files.exists(file)) {
                try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                    long length = in.length();
                    if (length > offset) {
                        byte[] chunk = new byte[(int) Math.min(length - offset, 1 << 20)];
                        in.seek(offset);
                        in.readFully(chunk);
                        offset += chunk.length;
                        partial.append(new String(chunk, StandardCharsets.UTF_8));
                        int newline;
                        while ((newline = partial.indexOf("\n")) >= 0) {
                            String text = partial.substring(0, newline);
                            partial.delete(0, newline + 1);
                            if (pattern.matcher(text).find()) {
                                return Optional.of(line(text));
                            }
                        }
                        continue; // more may be there already
                    }
                }
            }
            if (!alive || deadline.passed()) {
                return Optional.empty();
            }
            deadline.pause(POLL);
        }
    }

    /** The first matching line in the file as it is now. */
    public Optional<Line> find(Pattern pattern) throws IOException {
        return await(pattern, Deadline.in(Duration.ZERO), () -> false);
    }

    /** How many lines match now. */
    public long count(Pattern pattern) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> pattern.matcher(l).find()).count();
        }
    }

    /** The last lines, to show why a process failed. */
    public List<String> tail(int lines) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            reader.lines().forEach(l -> {
                last.addLast(l);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            });
        }
        return List.copyOf(last);
    }

    static Line line(String text) {
        Matcher m = STAMP.matcher(text);
        if (m.find()) {
            try {
                return new Line(OffsetDateTime.parse(m.group(1)).toInstant(), true, text);
            }
            catch (DateTimeParseException e) {
                // not a timestamp after all: fall through to the time of reading
            }
        }
        return new Line(Instant.now(), false, text);
    }
}
