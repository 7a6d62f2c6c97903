package io.foldersync.state;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.transaction.annotation.Transactional;

import io.foldersync.files.LocalFile;

/**
 * The side's memory of what was last in sync, one record per (folder, path). Every change is
 * one transaction, so a crash leaves either the old base or the new one.
 */
public class StateStore {

    private final FileStates files;

    private final SettingRepository settings;

    private final Clock clock;

    /**
     * Per folder, the digest and count of its bases, computed when asked and forgotten at every change
     * of the folder's rows: an idle folder answers each periodic SUMMARY without reading its rows.
     */
    private final Map<String, Totals> totals = new java.util.concurrent.ConcurrentHashMap<>();

    /** The digest ({@link io.foldersync.protocol.Manifests.Digest}) and count of a folder's bases. */
    public record Totals(String digest, long count) {
    }

    public StateStore(org.springframework.jdbc.core.JdbcTemplate jdbc, SettingRepository settings, Clock clock) {
        this.files = new FileStates(jdbc);
        this.settings = settings;
        this.clock = clock;
    }

    public Map<String, FileState> files(String folder) {
        Map<String, FileState> byPath = new TreeMap<>();
        for (FileState state : files.folder(folder)) {
            byPath.put(state.path(), state);
        }
        return byPath;
    }

    /** The rows of these paths of a folder, by path (queried in chunks that stay below SQLite's parameter limit). */
    public Map<String, FileState> getAll(String folder, java.util.Collection<String> paths) {
        Map<String, FileState> byPath = new java.util.HashMap<>();
        java.util.List<String> all = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(paths));
        for (FileState state : files.get(folder, all)) {
            byPath.put(state.path(), state);
        }
        return byPath;
    }

    /** The folders that have bases. */
    public java.util.List<String> folders() {
        return files.folders();
    }

    public Optional<FileState> get(String folder, String path) {
        return files.get(folder, path);
    }

    public long count(String folder) {
        return totals(folder).count();
    }

    /** The digest and count of a folder's bases (cached until the folder's rows change). */
    public Totals totals(String folder) {
        return totals.computeIfAbsent(folder, f -> {
            io.foldersync.protocol.Manifests.Digest digest = new io.foldersync.protocol.Manifests.Digest();
            long[] count = new long[1];
            files.forEach(f, state -> {
                digest.add(state.path(), state.sha256());
                count[0]++;
            });
            return new Totals(digest.hex(), count[0]);
        });
    }

    @Transactional
    public void put(String folder, LocalFile file, String origin) {
        totals.remove(folder);
        files.upsert(row(folder, file, origin));
        totals.remove(folder); // and after: totals computed meanwhile from the old rows are not kept
    }

    @Transactional
    public void remove(String folder, String path) {
        totals.remove(folder);
        files.delete(folder, path);
        files.deleteChunks(folder, path);
        totals.remove(folder);
    }

    @Transactional
    public void move(String folder, String from, LocalFile to, String origin) {
        files.delete(folder, from);
        files.moveChunks(folder, from, to.path()); // the same content under its new name: still a delta's base
        put(folder, to, origin);
    }

    /** Records many files of one folder as in sync, with one prepared statement (call within a transaction). */
    @Transactional
    public void putAll(String folder, java.util.Collection<LocalFile> batch, String origin) {
        totals.remove(folder);
        files.upsert(batch.stream().map(f -> row(folder, f, origin)).toList());
        totals.remove(folder);
    }

    /**
     * Records new metadata (size, mtime, file key) of files whose content did not change, so the
     * next scan trusts them without hashing again; rows whose hash differs by now are left alone.
     */
    @Transactional
    public void refresh(String folder, java.util.Collection<LocalFile> files) {
        if (!files.isEmpty()) {
            this.files.refresh(folder, files);
        }
    }

    /**
     * Every base of a folder in path order ({@link io.foldersync.protocol.PathOrder}: SQLite compares
     * UTF-8 text byte by byte), read a page at a time. Each page is a query of its own, so rows at
     * or before the current path may be written meanwhile (a reconcile records as it goes).
     */
    public java.util.Iterator<FileState> inOrder(String folder) {
        return pages(folder, null, "", null);
    }

    /**
     * The bases at {@code path} and below it, in path order, a page at a time ({@code ""}: the whole
     * folder). Below {@code p} is the range {@code (p + "/", p + "0")}: {@code '0'} is the
     * character after {@code '/'}.
     */
    public java.util.Iterator<FileState> inOrder(String folder, String path) {
        if (path.isEmpty()) {
            return inOrder(folder);
        }
        // one query for the row at the path and the first page below it: a watch event's look at one file costs one
        return pages(folder, path, path + "/", path + "0");
    }

    /**
     * Pages of rows after {@code after} (and before {@code before} unless null), the first one also
     * holding the row at {@code exact} unless null (it sorts before everything below it).
     */
    private java.util.Iterator<FileState> pages(String folder, String exact, String after, String before) {
        return new java.util.Iterator<>() {
            private java.util.Iterator<FileState> page = java.util.Collections.emptyIterator();
            private String last = after;
            private boolean first = true;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (!page.hasNext() && !done) {
                    List<FileState> rows = files.after(folder, first ? exact : null, last, before, PAGE);
                    first = false;
                    done = rows.size() < PAGE;
                    if (!rows.isEmpty()) {
                        last = rows.get(rows.size() - 1).path();
                    }
                    page = rows.iterator();
                }
                return page.hasNext();
            }

            @Override
            public FileState next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    /** Rows read at once by {@link #inOrder}: a bounded buffer, few enough queries. */
    private static final int PAGE = 1000;

    /** Every base of a folder in path order, one at a time (a manifest of any size without a list in memory). */
    public void forEach(String folder, java.util.function.Consumer<FileState> action) {
        files.forEach(folder, action);
    }

    private FileState row(String folder, LocalFile file, String origin) {
        return new FileState(null, folder, file.path(), file.sha256(), file.mtime(), file.size(), origin, clock.millis(),
                file.fileKey());
    }

    /**
     * The chunk list of the version {@code sha256} at a path, if this side recorded one for it
     * (files of 64 KiB and more): what a delta recipe for a peer holding that version copies from.
     */
    public java.util.Optional<io.foldersync.delta.ChunkList> chunks(String folder, String path, String sha256) {
        byte[] encoded = sha256 == null ? null : files.chunks(folder, path, sha256);
        if (encoded == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(io.foldersync.delta.ChunkList.decode(encoded));
        }
        catch (io.foldersync.delta.DeltaException e) {
            files.deleteChunks(folder, path); // unreadable: a delta is an optimisation, the whole file still works
            return java.util.Optional.empty();
        }
    }

    /**
     * Records the chunk list of the version at a path, replacing the one of an older version (null:
     * none, e.g. a small file; nothing is written, and a row left for an older version does no harm:
     * a chunk list is a function of the content its hash names).
     */
    public void chunks(String folder, String path, String sha256, io.foldersync.delta.ChunkList chunks) {
        if (chunks != null) {
            files.putChunks(folder, path, sha256, chunks.encode());
        }
    }

    /** Forgets every base of a folder: it was left, or it is not the folder the bases describe. */
    @Transactional
    public int forgetFolder(String folder) {
        totals.remove(folder);
        files.deleteChunksOfFolder(folder);
        return files.deleteFolder(folder);
    }

    /** Forgets every base: the database belongs to another server or another local folder. */
    @Transactional
    public int forgetEverything() {
        totals.clear();
        files.deleteAllChunks();
        return files.deleteAll();
    }

    /** Several changes in one transaction: a batch is recorded whole or not at all. */
    @Transactional
    public void inOneTransaction(Runnable changes) {
        try {
            changes.run();
        }
        finally {
            totals.clear(); // a rolled-back batch must not leave totals computed in between
        }
    }

    public Optional<String> setting(String name) {
        return settings.findById(name).map(Setting::value);
    }

    @Transactional
    public void setting(String name, String value) {
        settings.put(name, value);
    }

    @Transactional
    public void removeSetting(String name) {
        settings.deleteById(name);
    }
}
