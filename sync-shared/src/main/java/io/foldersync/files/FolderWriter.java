package io.foldersync.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

import io.foldersync.protocol.Content;
import io.foldersync.protocol.SyncPath;

/**
 * Every change foldersync makes to a synchronised folder goes through here. Content is first
 * written to a temporary file in the folder's hidden working directory ({@value #WORK_DIR}),
 * flushed to disk, given its mtime, and only then renamed over the target: a reader sees the
 * old file or the new one, never half of one. Paths are checked again here (no escape, no
 * symbolic link on the way), whatever the caller already checked.
 */
public final class FolderWriter {

    /** The hidden working directory inside each folder; hidden, so it is never synchronised. */
    public static final String WORK_DIR = ".foldersync";

    private final Path folder;

    public FolderWriter(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    /** Content written to a temporary file and inspected, ready to be renamed into place. */
    public record Staged(Path temp, TextFiles.Inspection inspection) {
    }

    public Path workDir() {
        return folder.resolve(WORK_DIR);
    }

    /** Writes content to a temporary file and reads it back once for its hash and text check. */
    public Staged stage(Content content) throws IOException {
        Path tmpDir = workDir().resolve("tmp");
        Files.createDirectories(tmpDir);
        Path temp = Files.createTempFile(tmpDir, "incoming-", ".tmp");
        try {
            try (InputStream in = content.open();
                    FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                in.transferTo(out);
                out.flush();
                channel.force(true);
            }
            return new Staged(temp, TextFiles.inspect(temp));
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    public void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged.temp());
        }
        catch (IOException e) {
            // a stray temporary file in the hidden work dir is removed at next start
        }
    }

    /** Renames staged content over {@code path}, creating parent directories, with the given mtime. */
    public Path commit(Staged staged, String path, long mtime) throws IOException {
        Path target = target(path);
        createDirectories(target.getParent());
        Files.setLastModifiedTime(staged.temp(), FileTime.fromMillis(mtime));
        moveAtomically(staged.temp(), target);
        return target;
    }

    /** Deletes a file and the directories its removal leaves empty; false when it was not there. */
    public boolean delete(String path) throws IOException {
        Path target = target(path);
        checkNoLinks(target.getParent());
        boolean deleted = Files.deleteIfExists(target);
        removeEmptyParents(target.getParent());
        return deleted;
    }

    /** Moves a file within the folder, keeping its mtime; false when the source was not there. */
    public boolean move(String from, String to) throws IOException {
        Path source = target(from);
        Path destination = target(to);
        checkNoLinks(source.getParent());
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        createDirectories(destination.getParent());
        moveAtomically(source, destination);
        removeEmptyParents(source.getParent());
        return true;
    }

    /** Copies a file out of the way (for a conflict or a kept local edit) and returns where it went. */
    public static Path copyAside(Path source, Path destination) throws IOException {
        Files.createDirectories(destination.getParent());
        Path temp = destination.resolveSibling(destination.getFileName() + ".tmp");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
        moveAtomically(temp, destination);
        return destination;
    }

    /** Removes temporaries left by a crash; they were never renamed into place, so nothing is lost. */
    public void cleanWorkDir() throws IOException {
        Path tmpDir = workDir().resolve("tmp");
        if (Files.isDirectory(tmpDir, LinkOption.NOFOLLOW_LINKS)) {
            try (var stream = Files.list(tmpDir)) {
                for (Path leftover : (Iterable<Path>) stream::iterator) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }

    public Path target(String path) {
        return SyncPath.resolve(folder, path);
    }

    /** Creates missing directories, checking the existing ones for links first, so nothing is created through one. */
    private void createDirectories(Path directory) throws IOException {
        checkNoLinks(directory);
        Files.createDirectories(directory);
        checkNoLinks(directory);
    }

    /** Refuses to write through a symbolic link anywhere between the folder and the target's directory. */
    private void checkNoLinks(Path directory) throws IOException {
        for (Path p = directory; p != null && p.startsWith(folder) && !p.equals(folder); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException("refusing to write through symbolic link " + folder.relativize(p));
            }
        }
    }

    private void removeEmptyParents(Path directory) throws IOException {
        for (Path p = directory; p != null && p.startsWith(folder) && !p.equals(folder); p = p.getParent()) {
            try {
                Files.delete(p);
            }
            catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
        }
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
