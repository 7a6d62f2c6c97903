package io.foldersync.reconcile;

import java.util.Objects;

/**
 * What one side has at a path right now: nothing, a synchronisable file, or a regular file
 * that does not qualify (binary, too large), which must still never be overwritten without a copy.
 */
public record Observed(State state, Version version) {

    public enum State { ABSENT, FILE, INELIGIBLE }

    public static final Observed ABSENT = new Observed(State.ABSENT, null);

    public static final Observed INELIGIBLE = new Observed(State.INELIGIBLE, null);

    public Observed {
        Objects.requireNonNull(state, "state");
        if ((state == State.FILE) != (version != null)) {
            throw new IllegalArgumentException("a FILE has a version, and only a FILE");
        }
    }

    public static Observed file(String sha256, long mtime) {
        return new Observed(State.FILE, new Version(sha256, mtime));
    }

    public static Observed of(Version version) {
        return version == null ? ABSENT : new Observed(State.FILE, version);
    }

    public boolean isFile() {
        return state == State.FILE;
    }

    public boolean isAbsent() {
        return state == State.ABSENT;
    }

    /** True when this is a file with exactly the content {@code sha256}. */
    public boolean has(String sha256) {
        return state == State.FILE && sha256 != null && version.sha256().equals(sha256);
    }
}
