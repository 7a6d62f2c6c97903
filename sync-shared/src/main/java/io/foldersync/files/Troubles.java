package io.foldersync.files;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Paths that sync skips for now because of trouble with that one path (unreadable, a directory or
 * special file in the way, a read-only directory, a full disk): each is logged once when it starts,
 * once when it ends, and listed in {@code /actuator/sync} meanwhile. Every other path keeps
 * syncing, and the path is tried again at the next reconcile.
 */
public final class Troubles {

    private static final Log log = LogFactory.getLog("io.foldersync.sync");

    /** The most listed; a folder with more troubles than this shows the count and the first ones. */
    public static final int MAX_LISTED = 200;

    public record Trouble(String folder, String path, String reason, Instant since) {
    }

    private final Map<String, Trouble> byPath = new ConcurrentHashMap<>();

    private final Clock clock;

    public Troubles(Clock clock) {
        this.clock = clock;
    }

    public void report(String folder, String path, String reason) {
        String key = folder + "\u0000" + path;
        Trouble before = byPath.get(key);
        if (before != null && before.reason().equals(reason)) {
            return;
        }
        byPath.put(key, new Trouble(folder, path, reason, before != null ? before.since() : clock.instant()));
        log.warn("skipping " + path + " in folder " + folder + " for now: " + reason
                + "; every other file keeps syncing, and this one is tried again at the next reconcile");
    }

    public void clear(String folder, String path) {
        if (byPath.remove(folder + "\u0000" + path) != null) {
            log.info(path + " in folder " + folder + " syncs again");
        }
    }

    /** Forgets the troubles of paths of {@code folder} that are not in {@code stillTroubled}. */
    public void retain(String folder, java.util.Set<String> stillTroubled) {
        for (Trouble t : List.copyOf(byPath.values())) {
            if (t.folder().equals(folder) && !stillTroubled.contains(t.path())) {
                clear(folder, t.path());
            }
        }
    }

    public void clearFolder(String folder) {
        byPath.values().removeIf(t -> t.folder().equals(folder));
    }

    public int count() {
        return byPath.size();
    }

    /** The first {@link #MAX_LISTED} troubles, oldest first. */
    public List<Trouble> list() {
        List<Trouble> all = new ArrayList<>(byPath.values());
        all.sort(Comparator.comparing(Trouble::since).thenComparing(Trouble::path));
        return all.size() > MAX_LISTED ? all.subList(0, MAX_LISTED) : all;
    }
}
