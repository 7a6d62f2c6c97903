package io.foldersync.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@link Disk} on the real file system. {@link #link} uses a hard link, which the kernel creates
 * only if the name is free, so "put it here unless something is already here" is one atomic step;
 * on a file system without hard links it falls back to a rename after a check (a small window,
 * documented in src-docs/decisions.md).
 */
public final class NioDisk implements Disk {

    public static final NioDisk INSTANCE = new NioDisk();

    private NioDisk() {
    }

    @Override
    public Kind kind(Path path) throws IOException {
        if (DirectCalls.presence(path) == DirectCalls.Answer.ABSENT) {
            return Kind.ABSENT; // the common answer in a first sync, without the cost of an exception
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (NoSuchFileException e) {
            return Kind.ABSENT;
        }
        if (attrs.isRegularFile()) {
            return Kind.FILE;
        }
        return attrs.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
    }

    @Override
    public Identity identity(Path path) throws IOException {
        if (DirectCalls.presence(path) == DirectCalls.Answer.ABSENT) {
            return null;
        }
        try {
            java.util.Map<String, Object> unix = Files.readAttributes(path, "unix:ino,size,lastModifiedTime,ctime",
                    LinkOption.NOFOLLOW_LINKS);
            return new Identity(unix.get("ino"), (Long) unix.get("size"), nanos(unix.get("lastModifiedTime")),
                    nanos(unix.get("ctime")));
        }
        catch (NoSuchFileException e) {
            return null;
        }
        catch (UnsupportedOperationException | IllegalArgumentException e) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
            catch (NoSuchFileException gone) {
                return null;
            }
            Object key = attrs.fileKey() != null ? attrs.fileKey() : path;
            long modified = nanos(attrs.lastModifiedTime());
            return new Identity(key, attrs.size(), modified, modified);
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public String fileKey(Path file) throws IOException {
        return io.foldersync.files.LocalFile.keyOf(Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public OutputStream create(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public InputStream open(Path file) throws IOException {
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void setModifiedTime(Path file, long millis) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    }

    @Override
    public void adoptAttributes(Path from, Path file) throws IOException {
        PosixFileAttributes attributes;
        PosixFileAttributes ours;
        if (DirectCalls.presence(from) == DirectCalls.Answer.ABSENT) {
            return; // nothing there yet: a new file keeps the default mode
        }
        try {
            attributes = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            ours = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (NoSuchFileException | UnsupportedOperationException e) {
            return; // nothing there yet (a new file keeps the default mode), or no POSIX modes on this file system
        }
        if (!attributes.isRegularFile()) {
            return;
        }
        // owner and group first: a change of owner clears set-id bits, the mode below sets them as they were
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            if (!attributes.owner().equals(ours.owner())) {
                view.setOwner(attributes.owner());
            }
            if (!attributes.group().equals(ours.group())) {
                view.setGroup(attributes.group());
            }
        }
        catch (FileSystemException e) {
            // not root (or not in that group): the file is this process's, as any file it creates
        }
        Files.setPosixFilePermissions(file, attributes.permissions());
    }

    /**
     * Opened for reading, which is all fsync(2) needs: a new version has already taken the mode of the
     * file it replaces, and a read-only one (0444) could not be opened for writing by a process that is
     * not root. A mode without read for us (0200, 000) is widened for the flush, then set again.
     */
    @Override
    public void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (AccessDeniedException e) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> readable = EnumSet.noneOf(PosixFilePermission.class);
            readable.addAll(mode);
            readable.add(PosixFilePermission.OWNER_READ);
            Files.setPosixFilePermissions(file, readable);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(true);
            }
            finally {
                Files.setPosixFilePermissions(file, mode);
            }
        }
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException e) {
            // a few file systems refuse fsync on a directory (EINVAL): their renames are as durable as they get
            if (e.getMessage() == null || !e.getMessage().contains("Invalid argument")) {
                throw e;
            }
        }
    }

    @Override
    public boolean syncFileSystem(Path within) throws IOException {
        if (!FileSystemSync.available()) {
            return false;
        }
        FileSystemSync.sync(within);
        return true;
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public boolean link(Path existing, Path name) throws IOException {
        try {
            Files.createLink(name, existing);
            return true;
        }
        catch (FileAlreadyExistsException e) {
            return false;
        }
        catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof NoSuchFileException) {
                throw (NoSuchFileException) e;
            }
            // no hard links here (some FUSE and network file systems): check, then rename
            if (Files.exists(name, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Path copy = existing.resolveSibling(existing.getFileName() + ".link");
            Files.copy(existing, copy, StandardCopyOption.COPY_ATTRIBUTES);
            force(copy);
            Files.move(copy, name, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    @Override
    public boolean delete(Path path) throws IOException {
        return Files.deleteIfExists(path);
    }

    @Override
    public boolean removeIfEmpty(Path directory) throws IOException {
        DirectCalls.Removal removal = DirectCalls.removeIfEmpty(directory);
        if (removal == DirectCalls.Removal.REMOVED) {
            return true;
        }
        if (removal == DirectCalls.Removal.NOT_EMPTY_OR_GONE) {
            return false; // the common answer, without the cost of an exception
        }
        return Disk.super.removeIfEmpty(directory);
    }

    @Override
    public void createDirectory(Path directory) throws IOException {
        try {
            Files.createDirectory(directory);
        }
        catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        }
    }

    @Override
    public java.util.List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.List.of();
        }
        try (var names = Files.list(directory)) {
            return names.sorted().toList();
        }
    }
}
