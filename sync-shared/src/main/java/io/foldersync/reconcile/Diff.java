package io.foldersync.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.foldersync.files.LocalFile;

/**
 * Turns "what was" and "what is" into changes. A file that disappeared at one path and appeared
 * with the same content at another is a move, not a delete plus a new upload: that is how a
 * rename of a file or of a whole directory reaches the peers without resending content.
 * Java's watch service pairs no rename halves, so content is the only reliable witness.
 */
public final class Diff {

    private Diff() {
    }

    /**
     * @param previous what the side last knew, by path (only the part of the tree that was looked at)
     * @param current what is there now, by path (the same part of the tree)
     * @return the deletes that clear the way for a new path (a file that became a directory, or the
     *         reverse), then moves, then updates, then the other deletes, each in path order
     */
    public static List<Change> between(Map<String, LocalFile> previous, Map<String, LocalFile> current) {
        Map<String, LocalFile> removed = new TreeMap<>();
        Map<String, TreeSet<String>> removedBySha = new HashMap<>();
        previous.forEach((path, file) -> {
            if (!current.containsKey(path)) {
                removed.put(path, file);
                removedBySha.computeIfAbsent(file.sha256(), sha -> new TreeSet<>()).add(path);
            }
        });
        List<Change> moves = new ArrayList<>();
        List<Change> updates = new ArrayList<>();
        for (LocalFile now : new TreeMap<>(current).values()) {
            LocalFile before = previous.get(now.path());
            if (before == null) {
                String from = moveSource(removedBySha.get(now.sha256()), now);
                if (from != null) {
                    removed.remove(from);
                    removedBySha.get(now.sha256()).remove(from);
                    moves.add(Change.moved(from, now));
                }
                else {
                    updates.add(Change.updated(now, null));
                }
            }
            else if (!before.sha256().equals(now.sha256())) {
                updates.add(Change.updated(now, before.sha256()));
            }
        }
        // a delete that clears the way for a new path (a file that became a directory, or the files of a
        // directory that became a file) goes first: sent after it, the new path meets the old one on a peer
        Set<String> arriving = new HashSet<>();
        moves.forEach(change -> arriving.add(change.path()));
        updates.forEach(change -> arriving.add(change.path()));
        Set<String> arrivingDirectories = new HashSet<>();
        arriving.forEach(path -> arrivingDirectories.addAll(ancestors(path)));
        List<Change> changes = new ArrayList<>();
        List<Change> deletes = new ArrayList<>();
        removed.forEach((path, file) -> {
            boolean inTheWay = arrivingDirectories.contains(path) || ancestors(path).stream().anyMatch(arriving::contains);
            (inTheWay ? changes : deletes).add(Change.deleted(path, file.sha256()));
        });
        changes.addAll(moves);
        changes.addAll(updates);
        changes.addAll(deletes);
        return changes;
    }

    /** The directories above {@code path}: {@code a/b/c.txt} -> {@code a}, {@code a/b}. */
    private static List<String> ancestors(String path) {
        List<String> above = new ArrayList<>();
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            above.add(path.substring(0, slash));
        }
        return above;
    }

    /** A removed path with the same content, preferring one with the same file name (a move between directories). */
    private static String moveSource(TreeSet<String> sameContent, LocalFile now) {
        if (sameContent == null || sameContent.isEmpty()) {
            return null;
        }
        String name = fileName(now.path());
        for (String path : sameContent) {
            if (fileName(path).equals(name)) {
                return path;
            }
        }
        return sameContent.first();
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
