package io.foldersync.client.mirror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files asked of the server that have not arrived yet. A reconcile that runs while a first
 * sync is still arriving (a SUMMARY that disagrees because the files are on their way) asks only
 * for the others: before, it asked for every file still in flight again, and a first sync of 50,000
 * files was sent twice. A request counts as in flight while files keep arriving; after a minute
 * without any (the server skipped a path it no longer has, a frame was lost with its connection),
 * the reconcile asks again, and a new connection starts afresh.
 */
final class Requested {

    /** Without any arrival for this long, what was asked is asked again. */
    static final long STALLED_NANOS = 60_000_000_000L;

    private final Map<String, Boolean> asked = new HashMap<>();

    private long lastProgress = System.nanoTime();

    /** The paths of {@code paths} not already on their way, now marked as asked. */
    synchronized List<String> notAsked(String folder, List<String> paths) {
        long now = System.nanoTime();
        if (now - lastProgress > STALLED_NANOS) {
            asked.clear(); // nothing came for a minute: what was asked may never come
        }
        if (asked.isEmpty()) {
            lastProgress = now;
        }
        List<String> fresh = new ArrayList<>();
        for (String path : paths) {
            if (asked.putIfAbsent(key(folder, path), Boolean.TRUE) == null) {
                fresh.add(path);
            }
        }
        return fresh;
    }

    /** A file of the folder arrived, or its deletion did: no longer waited for. */
    synchronized void arrived(String folder, String path) {
        if (asked.remove(key(folder, path)) != null) {
            lastProgress = System.nanoTime();
        }
    }

    /** The connection is gone, and what it was to bring with it. */
    synchronized void clear() {
        asked.clear();
    }

    private static String key(String folder, String path) {
        return folder + '\0' + path;
    }
}
