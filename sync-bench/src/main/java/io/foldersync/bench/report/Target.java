package io.foldersync.bench.report;

import java.util.function.BiFunction;

/**
 * A target of issue 8's "Targets" list, as printed in the table and judged on the figures. A missing
 * figure on our side, or one cut off at a timeout, never passes.
 */
public final class Target {

    private final String text;

    private final BiFunction<Figure, Figure, Verdict> judge;

    private Target(String text, BiFunction<Figure, Figure, Verdict> judge) {
        this.text = text;
        this.judge = judge;
    }

    public String text() {
        return text;
    }

    public Verdict judge(Figure ours, Figure rsync) {
        return judge.apply(ours, rsync);
    }

    /** No target: the row is there for information. */
    public static Target info() {
        return new Target("", (ours, rsync) -> Verdict.INFO);
    }

    /** Ours at most {@code factor} times rsync's figure ("≤ 1.0x rsync"). */
    public static Target ratioAtMost(double factor) {
        return new Target(String.format("≤ %.1fx rsync", factor), (ours, rsync) -> {
            if (!usable(ours)) {
                return Verdict.FAIL;
            }
            if (!rsync.present() || rsync.value() <= 0) {
                return Verdict.UNKNOWN;
            }
            return ours.value() <= factor * rsync.value() ? Verdict.PASS : Verdict.FAIL;
        });
    }

    /** Ours strictly below a limit. */
    public static Target below(double limit, String text) {
        return new Target(text, (ours, rsync) -> usable(ours) && ours.value() < limit ? Verdict.PASS : Verdict.FAIL);
    }

    /** Ours at most a limit. */
    public static Target atMost(double limit, String text) {
        return new Target(text, (ours, rsync) -> usable(ours) && ours.value() <= limit ? Verdict.PASS : Verdict.FAIL);
    }

    /** Ours below rsync's figure and below a limit ("fewer bytes than rsync, under 0.5 % of the file"). */
    public static Target belowRsyncAnd(double limit, String text) {
        return new Target(text, (ours, rsync) -> {
            if (!usable(ours) || ours.value() >= limit) {
                return Verdict.FAIL;
            }
            if (!rsync.present()) {
                return Verdict.UNKNOWN;
            }
            return ours.value() < rsync.value() ? Verdict.PASS : Verdict.FAIL;
        });
    }

    /** A yes/no figure that must be yes. */
    public static Target yes(String text) {
        return new Target(text, (ours, rsync) -> usable(ours) && ours.value() != 0 ? Verdict.PASS : Verdict.FAIL);
    }

    private static boolean usable(Figure ours) {
        return ours.present() && !ours.atLeast();
    }
}
