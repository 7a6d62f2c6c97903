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

    private static final org.apache.commons.logging.Log log = org.apache.commons.logging.LogFactory.getLog(Folders.class);

    static final String ACTIVE_SETTING = "active-folder";

    private final Map<String, Path> all;

    private final StateStore store;

    private volatile String active;

    public Folders(Map<String, Path> folders, String configuredActive, StateStore store) {
        this.all = new TreeMap<>();
        folders.forEach((name, path) -> all.put(name, resolve(name, path)));
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

    /**
     * A configured path that is (or goes through) a symbolic link is resolved once, here: the
     * folder synchronised is the directory it pointed to at start-up, whatever the link does later.
     * A path that does not exist yet is kept as configured (the folder is down until it appears).
     */
    static Path resolve(String name, Path configured) {
        Path path = configured.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            return path;
        }
        try {
            Path real = path.toRealPath();
            if (!real.equals(path)) {
                log.info("foldersync.folders." + name + " (" + path + ") resolves to " + real + " through a symbolic link; "
                        + "synchronising " + real);
            }
            return real;
        }
        catch (java.io.IOException e) {
            return path;
        }
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
