package io.foldersync.reconcile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.provider.Arguments;

/** The small value sets the decision tables are tested over: three contents, three times. */
final class Values {

    static final String A = "a".repeat(64);

    static final String B = "b".repeat(64);

    static final String C = "c".repeat(64);

    static final long OLD = 1_000L;

    static final long NEW = 3_000L;

    static final Observed ABSENT = Observed.ABSENT;

    static final Observed INELIGIBLE = Observed.INELIGIBLE;

    private Values() {
    }

    static Version v(String sha, long mtime) {
        return new Version(sha, mtime);
    }

    static Version v(String sha) {
        return new Version(sha, OLD);
    }

    static Observed file(String sha) {
        return Observed.file(sha, NEW);
    }

    static List<Version> bases() {
        return Arrays.asList(null, v(A), v(B));
    }

    static List<Observed> observed() {
        return List.of(ABSENT, INELIGIBLE, file(A), file(B), file(C));
    }

    static List<Observed> remotes() {
        return List.of(ABSENT, file(A), file(B), file(C));
    }

    static List<String> shas() {
        return Arrays.asList(null, A, B, C);
    }

    static Arguments row(String description, Object... values) {
        Object[] all = new Object[values.length + 1];
        all[0] = description;
        System.arraycopy(values, 0, all, 1, values.length);
        return Arguments.of(all);
    }

    static String name(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String sha) {
            return sha.substring(0, 1).toUpperCase();
        }
        if (value instanceof Version version) {
            return name(version.sha256());
        }
        Observed observed = (Observed) value;
        return observed.isFile() ? name(observed.version()) : observed.state().name();
    }

    static List<String> names(Object... values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(name(v));
        }
        return out;
    }
}
