package io.foldersync.bench.rsync;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two byte counts of {@code rsync --stats}: "Total bytes sent" and "Total bytes received", as
 * the rsync client counts them (payload of its connection to the daemon, both directions). rsync
 * prints them with thousands separators ({@code 1,234,567}); older versions without.
 */
public record RsyncStats(long sent, long received) {

    private static final Pattern SENT = Pattern.compile("Total bytes sent:\\s*([\\d,.']+)");

    private static final Pattern RECEIVED = Pattern.compile("Total bytes received:\\s*([\\d,.']+)");

    public long total() {
        return sent + received;
    }

    /** Reads the figures from rsync's output; fails when they are not there (then --stats was missing). */
    public static RsyncStats parse(String output) {
        OptionalLong sent = find(SENT, output);
        OptionalLong received = find(RECEIVED, output);
        if (sent.isEmpty() || received.isEmpty()) {
            throw new IllegalArgumentException("no 'Total bytes sent/received' in rsync's output (was --stats given?):\n" + output);
        }
        return new RsyncStats(sent.getAsLong(), received.getAsLong());
    }

    private static OptionalLong find(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1).replaceAll("[^0-9]", ""))) : OptionalLong.empty();
    }
}
