package io.foldersync.bench.report;

/** What a row says about its target. */
public enum Verdict {
    PASS, FAIL,
    /** a figure for information: no target */
    INFO,
    /** the target needs a figure that is missing on rsync's side */
    UNKNOWN;

    public String label() {
        return switch (this) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case INFO -> "";
            case UNKNOWN -> "?";
        };
    }
}
