package io.foldersync.survey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

import io.foldersync.files.FileRules;
import io.foldersync.files.FolderWalk;
import io.foldersync.files.LocalFile;
import io.foldersync.protocol.PathOrder;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;

/**
 * A full look at a folder: its bases (the state database's rows), its disk (a {@link FolderWalk})
 * and, for a client's reconcile, the server's manifest, merged path by path in {@link PathOrder}.
 * All three come sorted, so the merge holds one row, one disk entry and one manifest entry at a
 * time: a folder of any size is looked at in flat memory, where maps of all three would grow with
 * it. A file is hashed only when its size, mtime or inode differ from its base (or its mtime is
 * racy); a base whose file was found with the same content and other metadata is refreshed as the
 * survey goes, so it is not hashed again next time.
 *
 * <p>Callers may record the path they are given (and any before it) while the survey runs: the
 * rows are read a page at a time after the last one read.
 */
public final class Survey<T> implements Iterator<Spot<T>>, AutoCloseable {

    private final StateStore store;

    private final String folder;

    private final FileRules rules;

    private final Iterator<FileState> rows;

    private final FolderWalk disk;

    private final Iterator<T> remote;

    private final Function<T, String> pathOf;

    private FileState row;

    private FolderWalk.Entry entry;

    private T other;

    private String lastKey = "";

    private Spot<T> next;

    /** The directories that could not be listed, as {@code dir/} prefixes, with why. */
    private final Map<String, String> unknownBelow = new LinkedHashMap<>();

    private final Map<String, String> unreadable = new LinkedHashMap<>();

    private final List<LocalFile> stale = new ArrayList<>();

    private Survey(StateStore store, String folder, FileRules rules, Path root, String subtree, Iterator<T> remote,
            Function<T, String> pathOf) throws IOException {
        this.store = store;
        this.folder = folder;
        this.rules = rules;
        this.disk = new FolderWalk(root, subtree);
        this.rows = store.inOrder(folder, subtree);
        this.remote = remote;
        this.pathOf = pathOf;
    }

    /** Bases and disk. */
    public static Survey<Void> of(StateStore store, String folder, FileRules rules, Path root) throws IOException {
        return of(store, folder, rules, root, "");
    }

    /** Bases and disk at {@code subtree} and below it (a directory or one file; {@code ""} for the whole folder). */
    public static Survey<Void> of(StateStore store, String folder, FileRules rules, Path root, String subtree)
            throws IOException {
        return new Survey<>(store, folder, rules, root, subtree, Collections.emptyIterator(), v -> null);
    }

    /** Bases, disk and a third list, which must come in {@link PathOrder} without repeats. */
    public static <T> Survey<T> with(StateStore store, String folder, FileRules rules, Path root, Iterator<T> remote,
            Function<T, String> pathOf) throws IOException {
        return new Survey<>(store, folder, rules, root, "", remote, pathOf);
    }

    /** What could not be looked at so far (all of it once the survey is done), by path, with why. */
    public Map<String, String> unreadable() {
        return unreadable;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = advance();
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (next == null) {
                flushStale();
            }
        }
        return next != null;
    }

    @Override
    public Spot<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Spot<T> spot = next;
        next = null;
        return spot;
    }

    /** Records the refreshed bases found so far (also done when the survey runs to its end). */
    @Override
    public void close() {
        flushStale();
    }

    private Spot<T> advance() throws IOException {
        while (true) {
            if (row == null && rows.hasNext()) {
                row = rows.next();
            }
            if (entry == null && disk.hasNext()) {
                entry = disk.next();
            }
            if (other == null && remote.hasNext()) {
                other = remote.next();
            }
            String key = min(min(row == null ? null : row.path(), entry == null ? null : entry.key()),
                    other == null ? null : pathOf.apply(other));
            if (key == null) {
                return null;
            }
            if (PathOrder.compare(key, lastKey) <= 0) {
                // a stream out of order would turn a present file into a deleted one: stop instead
                throw new IllegalStateException("the survey of folder " + folder + " went back (or repeated) from " + lastKey + " to " + key);
            }
            lastKey = key;
            if (entry instanceof FolderWalk.Unreadable unreadableEntry && entry.key().equals(key)) {
                entry = null;
                unreadable.put(unreadableEntry.path(), unreadableEntry.reason());
                if (unreadableEntry.below()) {
                    unknownBelow.put(unreadableEntry.path() + "/", unreadableEntry.reason());
                }
                if (!unreadableEntry.path().equals(key)) {
                    continue; // a directory that could not be listed: what is below it sorts after it
                }
                return new Spot<>(key, takeRow(key), Local.unknown(unreadableEntry.reason()), takeOther(key));
            }
            FileState base = takeRow(key);
            T theirs = takeOther(key);
            FolderWalk.RegularFile file = null;
            if (entry instanceof FolderWalk.RegularFile regular && regular.key().equals(key)) {
                file = regular;
                entry = null;
            }
            String below = unknownAbove(key);
            if (below != null) {
                return new Spot<>(key, base, Local.unknown(below), theirs);
            }
            return new Spot<>(key, base, file == null ? Local.ABSENT : look(file, base), theirs);
        }
    }

    private Local look(FolderWalk.RegularFile file, FileState base) {
        FileRules.Look look;
        try {
            look = rules.look(file.file(), file.path(), file.attrs(), base == null ? null : base.asLocalFile());
        }
        catch (IOException e) {
            String reason = FileRules.reason(e);
            unreadable.put(file.path(), reason);
            return Local.unknown(reason);
        }
        if (look.file() != null) {
            if (base != null && look.file().sameContentOtherMetadata(base.asLocalFile())) {
                stale.add(look.file());
                if (stale.size() >= STALE_BATCH) {
                    flushStale();
                }
            }
            return Local.of(look.file());
        }
        return look.ineligible() != null ? Local.notSynchronised(look.ineligible()) : Local.ABSENT;
    }

    /** Why nothing can be said of {@code path} (a directory above it could not be listed), or null. */
    private String unknownAbove(String path) {
        if (unknownBelow.isEmpty()) {
            return null;
        }
        String found = null;
        for (var it = unknownBelow.entrySet().iterator(); it.hasNext();) {
            var prefix = it.next();
            if (path.startsWith(prefix.getKey())) {
                found = prefix.getValue();
            }
            else if (PathOrder.compare(path, prefix.getKey()) > 0) {
                it.remove(); // the paths below a directory sort together: this one is behind us
            }
        }
        return found;
    }

    private FileState takeRow(String key) {
        if (row != null && row.path().equals(key)) {
            FileState taken = row;
            row = null;
            return taken;
        }
        return null;
    }

    private T takeOther(String key) {
        if (other != null && pathOf.apply(other).equals(key)) {
            T taken = other;
            other = null;
            return taken;
        }
        return null;
    }

    private void flushStale() {
        if (!stale.isEmpty()) {
            store.refresh(folder, List.copyOf(stale));
            stale.clear();
        }
    }

    private static String min(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return PathOrder.compare(a, b) <= 0 ? a : b;
    }

    /** Refreshed bases recorded at once. */
    private static final int STALE_BATCH = 500;
}
