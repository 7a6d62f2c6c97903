package io.foldersync.server.conflict;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.NioDisk;

/**
 * Keeps the losing version of every conflict, never discarding it: the content goes to a file
 * in the conflict directory (beside the state database, outside every synchronised folder) and
 * a row in the {@code conflict} table says what it was, where from and who won.
 */
public class ConflictKeeper {

    private static final Log log = LogFactory.getLog(ConflictKeeper.class);

    private final ConflictRepository repository;

    private final Path directory;

    private final Clock clock;

    public ConflictKeeper(ConflictRepository repository, Path directory, Clock clock) {
        this.repository = repository;
        this.directory = directory;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** Keeps a copy of {@code source} (which stays where it is) as the loser of a conflict on {@code path}. */
    public ConflictRecord keepCopy(String folder, String path, Path source, String sha256, long mtime, long size,
            String origin, String winner) throws IOException {
        String storedAs = folder + "/" + UUID.randomUUID() + "-" + fileName(path);
        copyDurably(source, directory.resolve(storedAs));
        return record(folder, path, sha256, mtime, size, origin, winner, storedAs);
    }

    /** Keeps {@code source} itself (a staged temporary, moved away) as the loser of a conflict on {@code path}. */
    public ConflictRecord keepMoved(String folder, String path, Path source, String sha256, long mtime, long size,
            String origin, String winner) throws IOException {
        String storedAs = folder + "/" + UUID.randomUUID() + "-" + fileName(path);
        Path target = directory.resolve(storedAs);
        Files.createDirectories(target.getParent());
        try {
            NioDisk.INSTANCE.force(source);
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            NioDisk.INSTANCE.forceDirectory(target.getParent());
        }
        catch (AtomicMoveNotSupportedException e) {
            copyDurably(source, target); // the store is on another file system than the folder
            Files.deleteIfExists(source);
        }
        return record(folder, path, sha256, mtime, size, origin, winner, storedAs);
    }

    /** Copies, flushes, renames into place and flushes the directory: the kept version survives a power cut. */
    private static void copyDurably(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
        NioDisk.INSTANCE.force(temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        NioDisk.INSTANCE.forceDirectory(target.getParent());
    }

    private ConflictRecord record(String folder, String path, String sha256, long mtime, long size, String origin,
            String winner, String storedAs) {
        ConflictRecord saved = repository.save(new ConflictRecord(null, folder, path, sha256, mtime, size, origin,
                winner, clock.millis(), storedAs));
        log.warn("conflict on " + folder + "/" + path + ": the version from " + origin + " lost to the one from "
                + winner + "; kept as conflict #" + saved.id() + " in " + directory.resolve(storedAs));
        return saved;
    }

    public List<ConflictRecord> list() {
        return repository.findNewestFirst();
    }

    public long count() {
        return repository.count();
    }

    public Optional<ConflictRecord> get(long id) {
        return repository.findById(id);
    }

    public Path file(ConflictRecord record) {
        return directory.resolve(record.storedAs());
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
