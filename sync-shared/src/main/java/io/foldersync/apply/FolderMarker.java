package io.foldersync.apply;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The marker foldersync keeps in a synchronised folder: {@code .foldersync/folder-id}, a random id.
 * It lives on the folder's own file system, so when that file system is unmounted the bare mount
 * point has no marker: an empty folder without it is a lost mount, not a user who deleted
 * everything (see {@link io.foldersync.reconcile.FolderPresence}). Its id also tells whether the
 * folder at a path is still the one the state database describes.
 */
public final class FolderMarker {

    static final String FILE = "folder-id";

    private FolderMarker() {
    }

    public static Path file(Path folder) {
        return new WorkDir(folder).root().resolve(FILE);
    }

    /** The marker's id, or null when there is none (or it cannot be read). */
    public static String read(Path folder) {
        try {
            String id = Files.readString(file(folder), StandardCharsets.UTF_8).trim();
            return id.isEmpty() ? null : id;
        }
        catch (NoSuchFileException e) {
            return null;
        }
        catch (IOException e) {
            return null;
        }
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Writes the marker durably (temporary file, flush, rename, directory flush). */
    public static void write(Path folder, String id) throws IOException {
        Path dir = new WorkDir(folder).root();
        Files.createDirectories(dir);
        Path temp = dir.resolve(FILE + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            out.write((id + "\n").getBytes(StandardCharsets.UTF_8));
        }
        NioDisk.INSTANCE.force(temp);
        Files.move(temp, file(folder), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        NioDisk.INSTANCE.forceDirectory(dir);
    }

    /** True when the folder holds anything visible (not starting with a dot) besides our work directory. */
    public static boolean hasVisibleEntries(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.anyMatch(p -> !p.getFileName().toString().startsWith("."));
        }
    }

    public static boolean isDirectory(Path folder) {
        return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS);
    }
}
