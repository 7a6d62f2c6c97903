package io.foldersync.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code bench/RESULTS.md}: every run appended, never rewritten, so the history of the figures stays
 * (the baseline first, then each improvement). Created with a short preamble when missing.
 */
public final class ResultsFile {

    static final String PREAMBLE = """
            # Benchmark results

            Every run of `bench/run.sh` appends a section here (newest last): when, on what machine, at
            which commit, with which command, and the table. How the figures are taken:
            [src-docs/benchmark.md](../src-docs/benchmark.md). Figures from different machines, or from a
            machine busy with other work (see the load average), are not comparable.
            """;

    /**
     * A run to record.
     *
     * @param title e.g. "2026-12-01 01:30 UTC, full run"
     * @param facts the lines under the title: command, commit, machine, transport, duration
     * @param notes how each figure was taken and what went wrong, under the table
     */
    public record Run(String title, List<String> facts, Table table, List<String> notes) {
    }

    private ResultsFile() {
    }

    public static void append(Path file, Run run) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, PREAMBLE, StandardCharsets.UTF_8);
        }
        Files.writeString(file, render(run), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    static String render(Run run) {
        StringBuilder out = new StringBuilder("\n## ").append(run.title()).append("\n\n");
        run.facts().forEach(f -> out.append("- ").append(f).append('\n'));
        out.append('\n').append(run.table().markdown()).append('\n');
        run.notes().forEach(n -> out.append("- ").append(n).append('\n'));
        return out.toString();
    }
}
