package io.foldersync.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A MANIFEST's content kept past its frame, for the reconcile that runs later on the sync thread,
 * and read back one entry at a time in {@link PathOrder} (what a survey merges with): a server's
 * manifest of 100,000 files is never a list in memory. Our server writes its rows in that order;
 * content in another order (another server) is found out while it is read, and then sorted in
 * memory, which is correct, only not flat.
 */
public final class ReceivedManifest implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Content content;

    private ReceivedManifest(Content content) {
        this.content = content;
    }

    /**
     * Takes the content out of its frame's hands: a spooled file is renamed (the frame's release
     * then finds nothing to delete; a leftover is still cleaned at start as {@code receive-*.spool}),
     * small content stays in memory.
     */
    public static ReceivedManifest take(Content content) throws IOException {
        if (content instanceof Content.OnDisk onDisk) {
            Path kept = onDisk.file().resolveSibling("receive-manifest-" + java.util.UUID.randomUUID() + ".spool");
            if (onDisk.deleteOnRelease()) {
                Files.move(onDisk.file(), kept, StandardCopyOption.ATOMIC_MOVE);
            }
            else {
                Files.copy(onDisk.file(), kept);
            }
            return new ReceivedManifest(Content.ofFile(kept, onDisk.length(), true));
        }
        return new ReceivedManifest(content);
    }

    /**
     * The entries as they were sent, one at a time, for a manifest in path order (what our server
     * sends): reading one that goes back or repeats a path throws {@link NotInOrder}, and the caller
     * starts again from {@link #sorted()}. Checking as it goes costs no second pass over the content.
     */
    public Entries entries() throws IOException {
        return new Entries(content, true);
    }

    /** The entries sorted in memory, without repeats: for a manifest found not in path order. */
    public Entries sorted() throws IOException {
        List<ManifestEntry> all = new ArrayList<>();
        try (Entries raw = new Entries(content, false)) {
            raw.forEachRemaining(all::add);
        }
        all.sort((a, b) -> PathOrder.compare(a.path(), b.path()));
        List<ManifestEntry> distinct = new ArrayList<>();
        for (ManifestEntry entry : all) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).path().equals(entry.path())) {
                distinct.add(entry);
            }
        }
        return new Entries(distinct.iterator());
    }

    /** A manifest's entries went back or repeated a path: it must be read {@link #sorted()}. */
    public static final class NotInOrder extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotInOrder(String previous, String path) {
            super("the manifest is not in path order: " + path + " after " + previous);
        }
    }

    @Override
    public void close() {
        content.release();
    }

    /** A manifest's entries as they are read (blank lines skipped). */
    public static final class Entries implements Iterator<ManifestEntry>, AutoCloseable {

        private final BufferedReader reader;

        private final Iterator<ManifestEntry> listed;

        private final boolean checkOrder;

        private ManifestEntry next;

        private String last;

        private Entries(Content content, boolean checkOrder) throws IOException {
            this.reader = new BufferedReader(new InputStreamReader(content.open(), StandardCharsets.UTF_8));
            this.listed = null;
            this.checkOrder = checkOrder;
        }

        private Entries(Iterator<ManifestEntry> listed) {
            this.reader = null;
            this.listed = listed;
            this.checkOrder = false;
        }

        @Override
        public boolean hasNext() {
            if (listed != null) {
                return listed.hasNext();
            }
            try {
                while (next == null) {
                    String line = reader.readLine();
                    if (line == null) {
                        return false;
                    }
                    if (!line.isBlank()) {
                        ManifestEntry entry = JSON.readValue(line, ManifestEntry.class);
                        if (entry.path() == null || entry.sha256() == null) {
                            throw new IOException("a manifest entry without a path or hash: " + line);
                        }
                        if (checkOrder && last != null && PathOrder.compare(last, entry.path()) >= 0) {
                            throw new NotInOrder(last, entry.path());
                        }
                        last = entry.path();
                        next = entry;
                    }
                }
                return true;
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ManifestEntry next() {
            if (listed != null) {
                return listed.next();
            }
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ManifestEntry entry = next;
            next = null;
            return entry;
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
        }
    }
}
