package io.foldersync.bench.product;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of one JVM, from its own GC log ({@code -Xlog:gc}) and one reading of the
 * {@code jvm_memory_used_bytes{area="heap"}} gauges from {@code /actuator/prometheus} just before it
 * is stopped. The heap in use only grows between collections, so its peak over the whole life of
 * the process is the larger of the heap before each collection and the heap at the end: exact,
 * without polling the process while it is being measured.
 */
final class HeapWatch {

    /** {@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 45M->12M(256M) 3.456ms}. */
    static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Actuator actuator;

    private final Path gcLog;

    private long atEnd = -1;

    HeapWatch(Actuator actuator, Path gcLog) {
        this.actuator = actuator;
        this.gcLog = gcLog;
    }

    /** Reads the gauge once; called just before the process is stopped. */
    void sampleAtEnd() {
        atEnd = actuator.heapUsedBytes().orElse(-1);
    }

    /** The peak heap in use, in bytes, or -1 when nothing said. */
    long peakBytes() {
        return Math.max(atEnd, gcLogPeak(gcLog, false));
    }

    /** The largest heap left after a collection (what the process kept alive), or -1. */
    long peakAfterGcBytes() {
        return gcLogPeak(gcLog, true);
    }

    static long gcLogPeak(Path gcLog, boolean after) {
        if (!Files.exists(gcLog)) {
            return -1;
        }
        try {
            long peak = -1;
            for (String line : new String(Files.readAllBytes(gcLog), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, after ? bytes(m.group(3), m.group(4)) : bytes(m.group(1), m.group(2)));
                }
            }
            return peak;
        }
        catch (IOException e) {
            System.err.println("cannot read " + gcLog + ": " + e.getMessage());
            return -1;
        }
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
