package io.foldersync.bench.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** What a tree must hold: path to size and SHA-256, for every synchronised file. */
public final class Manifest {

    /** One file's expected size and content hash. */
    public record Entry(long size, String sha256) {
    }

    private final SortedMap<String, Entry> entries;

    public Manifest(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** Hashes every synchronised file under the root. */
    public static Manifest scan(Path root) throws IOException {
        Map<String, Entry> found = new TreeMap<>();
        Trees.walk(root, (relative, file, attributes) -> found.put(relative,
                new Entry(attributes.size(), Hashing.sha256(file))));
        return new Manifest(found);
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public Entry get(String path) {
        return entries.get(path);
    }

    public int count() {
        return entries.size();
    }

    public long totalBytes() {
        return entries.values().stream().mapToLong(Entry::size).sum();
    }

    /** A copy with one entry added or replaced. */
    public Manifest with(String path, Entry entry) {
        Map<String, Entry> copy = new TreeMap<>(entries);
        copy.put(path, entry);
        return new Manifest(copy);
    }

    /** A copy with the entries of another manifest added or replacing these. */
    public Manifest with(Manifest changes) {
        Map<String, Entry> copy = new TreeMap<>(entries);
        copy.putAll(changes.entries);
        return new Manifest(copy);
    }
}
