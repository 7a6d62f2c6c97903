package io.foldersync.files;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Something happened at {@code path} (relative to the watched folder, {@code ""} for the folder
 * itself). The kind is a hint only: the change detector always looks at the disk, because
 * kernel events can arrive late, merged or (on overflow) not at all.
 */
public record FolderEvent(String path, Kind kind) {

    public enum Kind {
        CREATED, MODIFIED, DELETED,
        /** Events were lost: rescan everything. */
        OVERFLOW
    }

    public static FolderEvent overflow() {
        return new FolderEvent("", Kind.OVERFLOW);
    }

    /** True when the batch asks for a full rescan (events were lost, or the folder itself changed). */
    public static boolean needsFullScan(List<FolderEvent> events) {
        return events.stream().anyMatch(e -> e.kind() == Kind.OVERFLOW || e.path().isEmpty());
    }

    /** The affected paths of a batch, without those below another affected path: each subtree is scanned once. */
    public static Set<String> topmost(List<FolderEvent> events) {
        Set<String> all = new TreeSet<>();
        events.forEach(e -> all.add(e.path()));
        Set<String> result = new LinkedHashSet<>();
        for (String path : all) {
            boolean covered = false;
            for (int slash = path.indexOf('/'); slash >= 0 && !covered; slash = path.indexOf('/', slash + 1)) {
                covered = all.contains(path.substring(0, slash));
            }
            if (!covered) {
                result.add(path);
            }
        }
        return result;
    }
}
