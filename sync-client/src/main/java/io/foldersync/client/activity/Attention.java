package io.foldersync.client.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files that need a person's attention because sync leaves them alone: local-only files and
 * files that are not synchronised, each with the reason. The engine notes them whenever it sees
 * them; whoever lists them checks that each still applies (the file may be gone or synchronised
 * by now) and forgets those that do not. Bounded: a folder of thousands of local-only files
 * keeps the first {@value #CAPACITY}.
 */
public final class Attention {

    static final int CAPACITY = 2000;

    public enum Reason { LOCAL_ONLY, NOT_SYNCHRONISED }

    /** One file and why it is not synchronised. */
    public record Entry(String folder, String path, Reason reason, String detail, Instant since) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Notes a file; true when it was not noted before (or for another reason). */
    public boolean note(String folder, String path, Reason reason, String detail, Instant now) {
        String key = key(folder, path);
        Entry known = entries.get(key);
        if (known != null && known.reason() == reason) {
            if (!java.util.Objects.equals(known.detail(), detail)) {
                entries.put(key, new Entry(folder, path, reason, detail, known.since()));
            }
            return false;
        }
        if (known == null && entries.size() >= CAPACITY) {
            return false;
        }
        entries.put(key, new Entry(folder, path, reason, detail, now));
        return true;
    }

    public void forget(String folder, String path) {
        entries.remove(key(folder, path));
    }

    /** The entries of {@code folder}, by path. */
    public List<Entry> of(String folder) {
        List<Entry> list = new ArrayList<>();
        entries.values().stream().filter(e -> java.util.Objects.equals(e.folder(), folder)).forEach(list::add);
        list.sort(Comparator.comparing(Entry::path));
        return list;
    }

    private static String key(String folder, String path) {
        return folder + "\0" + path;
    }
}
