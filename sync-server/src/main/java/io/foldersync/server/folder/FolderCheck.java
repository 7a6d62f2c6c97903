package io.foldersync.server.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.FolderMarker;
import io.foldersync.apply.NioDisk;
import io.foldersync.apply.Recovery;
import io.foldersync.apply.WorkDir;
import io.foldersync.reconcile.FolderPresence;
import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;

/**
 * Whether a folder may be synchronised right now ({@link FolderPresence} decides, this gathers its
 * inputs and carries out its outcome). It keeps the folder's marker, forgets the bases when the
 * folder at the path is not the one they describe, and, each time a folder becomes usable (at
 * start-up, or when its mount is back), first finishes what an interrupted write left in its
 * work directory.
 */
public class FolderCheck {

    private static final Log log = LogFactory.getLog(FolderCheck.class);

    static final String MARKER_SETTING = "folder-id.";

    static final String PATH_SETTING = "folder-path.";

    private final StateStore store;

    private final ConflictKeeper conflicts;

    private final long maxFileBytes;

    /** Folders found usable at the last look; one becoming usable is recovered first. */
    private final Map<String, Boolean> usable = new ConcurrentHashMap<>();

    /** The last problem logged per folder, so a lasting one is logged once. */
    private final Map<String, String> logged = new ConcurrentHashMap<>();

    public FolderCheck(StateStore store, ConflictKeeper conflicts, long maxFileBytes) {
        this.store = store;
        this.conflicts = conflicts;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Looks at the folder and prepares it for use. Call under the folder lock.
     *
     * @return null when it may be synchronised, else why not (its deletions must not propagate)
     */
    public String check(String name, Path root) {
        String problem = look(name, root);
        if (problem == null) {
            if (logged.remove(name) != null) {
                log.info("folder " + name + " (" + root + ") is usable again");
            }
        }
        else if (!problem.equals(logged.put(name, problem))) {
            log.error(problem + ": propagating nothing, and no deletions, until it is back");
        }
        return problem;
    }

    private String look(String name, Path root) {
        FolderPresence.Presence presence = presence(root);
        String recorded = store.setting(MARKER_SETTING + name).orElse(null);
        String found = presence == FolderPresence.Presence.PRESENT ? FolderMarker.read(root) : null;
        FolderPresence.Marker marker = found == null
                ? (recorded == null ? FolderPresence.Marker.NONE : FolderPresence.Marker.GONE)
                : found.equals(recorded) ? FolderPresence.Marker.OURS : FolderPresence.Marker.OTHER;
        boolean entries;
        try {
            entries = presence == FolderPresence.Presence.PRESENT && FolderMarker.hasVisibleEntries(root);
        }
        catch (IOException e) {
            presence = FolderPresence.Presence.UNREADABLE;
            entries = false;
        }
        boolean tracked = store.count(name) > 0;
        FolderPresence.Action action = FolderPresence.decide(presence, marker, entries, tracked);
        try {
            switch (action) {
                case DOWN_MISSING -> {
                    usable.remove(name);
                    return "folder " + name + " (" + root + ") does not exist or is not a directory (unmounted?)";
                }
                case DOWN_UNREADABLE -> {
                    usable.remove(name);
                    return "folder " + name + " (" + root + ") is not readable";
                }
                case DOWN_UNMOUNTED -> {
                    usable.remove(name);
                    return "folder " + name + " (" + root + ") " + (entries ? "" : "is empty and ") + "has no "
                            + WorkDir.NAME + "/folder-id marker, while " + store.count(name) + " files are tracked: its "
                            + "file system is probably unmounted" + (entries ? " (what is there is not the folder foldersync "
                            + "marked)" : "") + ". If it was emptied or replaced on purpose, delete the files rather than "
                            + "the folder, or create the marker (see src-docs/operations.md)";
                }
                case USABLE_WRITE_MARKER -> {
                    String id = recorded != null ? recorded : FolderMarker.newId();
                    FolderMarker.write(root, id);
                    store.setting(MARKER_SETTING + name, id);
                }
                case USABLE_FORGET_BASES -> {
                    int forgotten = store.forgetFolder(name);
                    store.setting(MARKER_SETTING + name, found);
                    if (recorded != null) {
                        log.warn("folder " + name + " (" + root + ") carries another marker than the one recorded: "
                                + "it is not the folder the state database describes; its " + forgotten
                                + " bases are forgotten (differing content will be a conflict, never an overwrite)");
                    }
                }
                case USABLE -> {
                }
            }
            if (usable.put(name, Boolean.TRUE) == null) {
                recover(name, root);
            }
            return null;
        }
        catch (IOException e) {
            usable.remove(name);
            return "folder " + name + " (" + root + ") cannot be prepared: " + e.getMessage();
        }
    }

    /**
     * At start-up: forgets a folder's bases when its configured path changed since they were
     * recorded (they describe the folder at the old path).
     */
    public void checkPath(String name, Path root) {
        String recorded = store.setting(PATH_SETTING + name).orElse(null);
        if (recorded != null && !recorded.equals(root.toString())) {
            int forgotten = store.forgetFolder(name);
            store.removeSetting(MARKER_SETTING + name);
            log.warn("folder " + name + " moved from " + recorded + " to " + root + ": its " + forgotten
                    + " bases are forgotten (differing content will be a conflict, never an overwrite)");
        }
        store.setting(PATH_SETTING + name, root.toString());
    }

    private void recover(String name, Path root) throws IOException {
        Recovery recovery = new Recovery(new WorkDir(root), NioDisk.INSTANCE,
                (taken, path, content) -> conflicts.keepCopy(name, path, taken, content.isFile() ? content.version().sha256()
                        : "unknown", Files.getLastModifiedTime(taken).toMillis(), Files.size(taken), "server", "recovery")
                        .storedAs(),
                maxFileBytes);
        recovery.recover(path -> store.get(name, path).map(FileState::sha256).orElse(null));
    }

    private static FolderPresence.Presence presence(Path root) {
        if (!Files.exists(root)) {
            return FolderPresence.Presence.MISSING;
        }
        if (!Files.isDirectory(root)) {
            return FolderPresence.Presence.NOT_A_DIRECTORY;
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            return FolderPresence.Presence.UNREADABLE;
        }
        return FolderPresence.Presence.PRESENT;
    }
}
