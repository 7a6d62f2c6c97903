package io.foldersync.server.folder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.foldersync.protocol.SyncMessage.FolderInfo;
import io.foldersync.state.StateStore;

/**
 * The predefined folders and which one is active. The active folder starts as configured; a
 * switch is stored in the state database and wins over the configuration at the next start.
 */
public class Folders {

    static final String ACTIVE_SETTING = "active-folder";

    private final Map<String, Path> all;

    private final StateStore store;

    private volatile String active;

    public Folders(Map<String, Path> folders, String configuredActive, StateStore store) {
        this.all = new TreeMap<>();
        folders.forEach((name, path) -> all.put(name, path.toAbsolutePath().normalize()));
        this.store = store;
        this.active = store.setting(ACTIVE_SETTING).filter(all::containsKey).orElse(configuredActive);
    }

    public String active() {
        return active;
    }

    public Path activePath() {
        return all.get(active);
    }

    /** The folder's path, or null for a name that is not configured. */
    public Path path(String name) {
        return name == null ? null : all.get(name);
    }

    public boolean exists(String name) {
        return all.containsKey(name);
    }

    public List<FolderInfo> list() {
        return all.keySet().stream().map(name -> new FolderInfo(name, name.equals(active))).toList();
    }

    void activate(String name) {
        store.setting(ACTIVE_SETTING, name);
        active = name;
    }

    /** Why a folder cannot be synchronised now (missing, not a directory, unreadable), or null. */
    public static String problem(Path folder) {
        if (!Files.exists(folder)) {
            return "folder " + folder + " does not exist (unmounted?)";
        }
        if (!Files.isDirectory(folder)) {
            return "folder " + folder + " is not a directory";
        }
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            return "folder " + folder + " is not readable";
        }
        return null;
    }
}
