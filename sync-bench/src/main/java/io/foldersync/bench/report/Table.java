package io.foldersync.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The benchmark's one table: case, ours, rsync, ratio, target, result; as aligned text and as Markdown. */
public final class Table {

    static final List<String> HEADER = List.of("case", "foldersync", "rsync", "ratio", "target", "result");

    private final List<Row> rows;

    /** Rows ordered by case id (1a, 1b, 2a, ...); rows of one case keep the order they were added in. */
    public Table(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::id));
        this.rows = List.copyOf(sorted);
    }

    public List<Row> rows() {
        return rows;
    }

    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    private static List<String> cells(Row row) {
        return List.of(row.id() + "  " + row.what(), row.ours().format(), row.rsync().format(), row.ratio(),
                row.target().text(), row.verdict().label());
    }

    /** Aligned columns for the terminal. */
    public String text() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(r -> lines.add(cells(r)));
        int[] widths = new int[HEADER.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines.size(); l++) {
            List<String> line = lines.get(l);
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                boolean right = i > 0 && i < 4;
                String pad = " ".repeat(widths[i] - cell.length());
                out.append(right ? pad + cell : cell + (i < line.size() - 1 ? pad : "")).append(i < line.size() - 1 ? "  " : "");
            }
            out.append('\n');
            if (l == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
        return out.toString();
    }

    /** A Markdown table for bench/RESULTS.md. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|---|---:|---:|---:|---|---|\n");
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(cells(row));
            // Markdown drops leading spaces: a detail row is marked with an arrow instead
            cells.set(0, cells.get(0).replaceFirst("^(\\S+)\\s{2}\\s{2}(\\S)", "$1  ↳ $2"));
            out.append("| ").append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return out.toString();
    }
}
