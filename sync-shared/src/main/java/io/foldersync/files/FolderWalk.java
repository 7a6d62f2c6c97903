package io.foldersync.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.foldersync.protocol.PathOrder;

/**
 * A walk of a whole folder that yields its entries one at a time in {@link PathOrder}, holding only
 * the listings of the directories it is in: what lets a full look at a folder of any size be merged
 * with the state database's rows (in the same order) instead of building a map of either. The
 * rules are the scan's ({@link FileRules#scan}): hidden names and symbolic links are skipped, a
 * FIFO, socket or device and anything that cannot be looked at is reported as unreadable.
 */
public final class FolderWalk implements Iterator<FolderWalk.Entry> {

    /** One entry of the walk; {@link #key()} is where it sorts. */
    public sealed interface Entry {
        String path();

        String key();
    }

    /** A regular file (not yet opened: whether it qualifies is {@link FileRules#look}'s to say). */
    public record RegularFile(String path, Path file, BasicFileAttributes attrs) implements Entry {
        @Override
        public String key() {
            return path;
        }
    }

    /**
     * Something that could not be looked at: its content is unknown, so it is neither changed nor
     * deleted. When {@code below}, nothing under {@code path/} can be looked at either.
     */
    public record Unreadable(String path, String reason, boolean below, String key) implements Entry {
    }

    /** A child of a listed directory, with where it sorts among its siblings. */
    private record Child(String key, String path, Path file, BasicFileAttributes attrs, IOException failure) {
    }

    private final Deque<Iterator<Child>> open = new ArrayDeque<>();

    private Entry next;

    /**
     * Starts a walk of {@code folder}.
     *
     * @throws IOException when the folder itself cannot be listed: nothing can be said of any file
     *         in it, so nothing may look deleted
     */
    public FolderWalk(Path folder) throws IOException {
        this(folder, "");
    }

    /**
     * Starts a walk of {@code subtree} of {@code folder} (a directory, one file, or nothing: a
     * path that is gone, hidden or below a symbolic link yields nothing); {@code ""} for the whole
     * folder.
     */
    public FolderWalk(Path folder, String subtree) throws IOException {
        if (subtree.isEmpty()) {
            open.push(list(folder, "").iterator());
            return;
        }
        if (!FileRules.isVisible(subtree)) {
            return; // hidden, and everything below it
        }
        // a path of this folder's own (the watcher's), not a peer's: its name may be one the protocol
        // refuses (a backslash), which the walk reports as not synchronised instead of failing on
        Path root = folder.toAbsolutePath().normalize();
        Path start = root.resolve(subtree).normalize();
        if (!start.startsWith(root) || start.equals(root)) {
            throw new IllegalArgumentException("path escapes the folder: " + subtree);
        }
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)
                || FileRules.throughLink(root, start)) {
            // gone (or a file where a directory on its way was): nothing; below a symbolic link: outside the folder
            return;
        }
        Child child;
        try {
            BasicFileAttributes attrs = Files.readAttributes(start, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            child = new Child(PathOrder.entryKey(subtree, attrs.isDirectory()), subtree, start, attrs, null);
        }
        catch (IOException e) {
            child = new Child(subtree, subtree, start, null, e);
        }
        open.push(List.of(child).iterator());
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry entry = next;
        next = null;
        return entry;
    }

    private Entry advance() {
        while (!open.isEmpty()) {
            Iterator<Child> top = open.peek();
            if (!top.hasNext()) {
                open.pop();
                continue;
            }
            Child child = top.next();
            if (child.failure() != null) {
                if (child.failure() instanceof NoSuchFileException) {
                    continue; // deleted while we walked: the next event covers it
                }
                return new Unreadable(child.path(), FileRules.reason(child.failure()), true, child.key());
            }
            BasicFileAttributes attrs = child.attrs();
            if (attrs.isSymbolicLink()) {
                continue; // a link is never synchronised, nor followed
            }
            if (attrs.isDirectory()) {
                try {
                    open.push(list(child.file(), child.path() + "/").iterator());
                }
                catch (NoSuchFileException e) {
                    continue;
                }
                catch (IOException e) {
                    return new Unreadable(child.path(), FileRules.reason(e), true, child.key());
                }
                continue;
            }
            if (attrs.isOther()) {
                // a FIFO, socket or device: never opened (a FIFO would block), never taken for a deletion
                return new Unreadable(child.path(), "not a regular file (a FIFO, socket or device)", false, child.key());
            }
            if (attrs.isRegularFile()) {
                return new RegularFile(child.path(), child.file(), attrs);
            }
        }
        return null;
    }

    /** The visible children of one directory, in the order their paths sort. */
    private static List<Child> list(Path dir, String prefix) throws IOException {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // hidden, and everything below it
                }
                String path = prefix + name;
                try {
                    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    children.add(new Child(PathOrder.entryKey(path, attrs.isDirectory()), path, file, attrs, null));
                }
                catch (IOException e) {
                    // not known to be a file or a directory: it, and anything below it, is unknown
                    children.add(new Child(path, path, file, null, e));
                }
            }
        }
        catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        children.sort((a, b) -> PathOrder.compare(a.key(), b.key()));
        return children;
    }
}
