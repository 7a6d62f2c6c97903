package io.foldersync.bench.report;

/**
 * One line of the table.
 *
 * @param id the case number ("1a", "2b", ...), which orders the table
 * @param what what is measured, with its size
 */
public record Row(String id, String what, Figure ours, Figure rsync, Target target) {

    public Verdict verdict() {
        return target.judge(ours, rsync);
    }

    /** ours / rsync ("21.1x"), "> 118x" when ours was cut off, "" when either is missing. */
    public String ratio() {
        if (!ours.present() || !rsync.present() || rsync.value() <= 0 || ours.unit() == Figure.Unit.YES_NO) {
            return "";
        }
        double ratio = ours.value() / rsync.value();
        String text = ratio >= 100 ? String.format("%,.0fx", ratio) : ratio >= 10 ? String.format("%.1fx", ratio)
                : String.format("%.2fx", ratio);
        return ours.atLeast() ? "> " + text : text;
    }
}
