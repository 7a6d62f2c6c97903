package io.foldersync.bench.report;

/**
 * One measured figure of the table, or the reason there is none.
 *
 * @param value the number, or null when there is none (the case failed, or does not apply)
 * @param unit how to print it
 * @param atLeast the measurement was cut off at a timeout: the true figure is larger than {@code value}
 * @param text what to print when there is no value ("n/a", "failed")
 */
public record Figure(Double value, Unit unit, boolean atLeast, String text) {

    /** Units the table prints. */
    public enum Unit {
        SECONDS, MILLIS, BYTES, MEBIBYTES, COUNT, PERCENT, YES_NO
    }

    public static Figure seconds(double seconds) {
        return new Figure(seconds, Unit.SECONDS, false, null);
    }

    /** A time cut off at a timeout: printed as "> 600 s". */
    public static Figure moreThanSeconds(double seconds) {
        return new Figure(seconds, Unit.SECONDS, true, null);
    }

    public static Figure millis(double millis) {
        return new Figure(millis, Unit.MILLIS, false, null);
    }

    public static Figure bytes(long bytes) {
        return new Figure((double) bytes, Unit.BYTES, false, null);
    }

    public static Figure mebibytes(long bytes) {
        return new Figure(bytes / (double) (1 << 20), Unit.MEBIBYTES, false, null);
    }

    public static Figure count(long count) {
        return new Figure((double) count, Unit.COUNT, false, null);
    }

    public static Figure percent(double percent) {
        return new Figure(percent, Unit.PERCENT, false, null);
    }

    public static Figure yes(boolean yes) {
        return new Figure(yes ? 1.0 : 0.0, Unit.YES_NO, false, null);
    }

    /** No figure: the case failed before it could measure this. */
    public static Figure failed() {
        return new Figure(null, null, false, "failed");
    }

    /** No figure because the measure does not apply to this side. */
    public static Figure notApplicable() {
        return new Figure(null, null, false, "n/a");
    }

    /** The same figure as a lower bound (the measurement was cut off). */
    public Figure orMore() {
        return new Figure(value, unit, true, text);
    }

    public boolean present() {
        return value != null;
    }

    public String format() {
        if (value == null) {
            return text;
        }
        double v = value;
        String number = switch (unit) {
            case SECONDS -> v < 10 ? String.format("%.2f s", v) : String.format("%,.1f s", v);
            case MILLIS -> String.format("%,.0f ms", v);
            case BYTES -> String.format("%,.0f B", v);
            case MEBIBYTES -> String.format("%,.1f MiB", v);
            case COUNT -> String.format("%,.0f", v);
            case PERCENT -> String.format("%.2f %%", v);
            case YES_NO -> v != 0 ? "yes" : "no";
        };
        return atLeast ? "> " + number : number;
    }
}
