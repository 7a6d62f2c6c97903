package io.foldersync.client.page;

import java.util.ArrayList;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

/**
 * A side-by-side line diff for people: rows pairing the left (current) and right (kept) lines,
 * changes with {@value #CONTEXT} lines of context, and the unchanged stretches between them
 * folded into gap rows. Big files are not diffed (the answer says so).
 */
final class TextDiff {

    static final int CONTEXT = 3;

    /** Each side at most this many lines; beyond it the diff would not help anyone read it anyway. */
    static final int MAX_LINES = 20_000;

    /**
     * One row. {@code type}: {@code same}, {@code change} (both sides differ), {@code delete} (only
     * on the left), {@code insert} (only on the right), {@code gap} ({@code skipped} unchanged lines).
     * Line numbers are 1-based, null where a side has no line.
     */
    record Row(String type, Integer leftNo, String left, Integer rightNo, String right, Integer skipped) {
    }

    /** The diff; {@code tooLarge} means no rows were computed. */
    record Result(List<Row> rows, int changes, boolean identical, boolean tooLarge) {
    }

    private TextDiff() {
    }

    static Result of(String left, String right) {
        List<String> a = lines(left);
        List<String> b = lines(right);
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            return new Result(List.of(), 0, left.equals(right), true);
        }
        Patch<String> patch = DiffUtils.diff(a, b);
        List<Row> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int from = delta.getSource().getPosition();
            while (i < from) {
                all.add(new Row("same", i + 1, a.get(i), j + 1, b.get(j), null));
                i++;
                j++;
            }
            List<String> removed = delta.getSource().getLines();
            List<String> added = delta.getTarget().getLines();
            for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
                boolean hasLeft = k < removed.size();
                boolean hasRight = k < added.size();
                String type = hasLeft && hasRight ? "change" : hasLeft ? "delete" : "insert";
                all.add(new Row(type, hasLeft ? i + k + 1 : null, hasLeft ? removed.get(k) : null,
                        hasRight ? j + k + 1 : null, hasRight ? added.get(k) : null, null));
            }
            i += removed.size();
            j += added.size();
        }
        while (i < a.size()) {
            all.add(new Row("same", i + 1, a.get(i), j + 1, b.get(j), null));
            i++;
            j++;
        }
        return new Result(fold(all), patch.getDeltas().size(), patch.getDeltas().isEmpty(), false);
    }

    /** Keeps the changed rows and {@value #CONTEXT} rows around each; the rest becomes gap rows. */
    private static List<Row> fold(List<Row> rows) {
        boolean[] keep = new boolean[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            if (!rows.get(r).type().equals("same")) {
                for (int c = Math.max(0, r - CONTEXT); c <= Math.min(rows.size() - 1, r + CONTEXT); c++) {
                    keep[c] = true;
                }
            }
        }
        List<Row> folded = new ArrayList<>();
        int skipped = 0;
        for (int r = 0; r < rows.size(); r++) {
            if (keep[r]) {
                if (skipped > 0) {
                    folded.add(new Row("gap", null, null, null, null, skipped));
                    skipped = 0;
                }
                folded.add(rows.get(r));
            }
            else {
                skipped++;
            }
        }
        if (skipped > 0) {
            folded.add(new Row("gap", null, null, null, null, skipped));
        }
        return folded;
    }

    /** Lines without their terminators; a final newline does not make an empty last line. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
