package io.foldersync.apply;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The hidden working directory inside every synchronised folder ({@value #NAME}): staged content,
 * files taken out of the way, the journal of a batch in {@code tmp/}, and the folder's marker.
 * It is hidden, so it is never synchronised, and it lives on the folder's own file system, so
 * every rename between it and the folder is atomic.
 */
public final class WorkDir {

    public static final String NAME = ".foldersync";

    static final String STAGE_PREFIX = "stage-";

    static final String TAKEN_PREFIX = "taken-";

    static final String OUT_PREFIX = "out-";

    static final String JOURNAL_PREFIX = "journal-";

    private final Path folder;

    public WorkDir(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public Path root() {
        return folder.resolve(NAME);
    }

    public Path tmp() {
        return root().resolve("tmp");
    }

    Path newStage() {
        return tmp().resolve(STAGE_PREFIX + UUID.randomUUID() + ".tmp");
    }

    Path newTaken() {
        return tmp().resolve(TAKEN_PREFIX + UUID.randomUUID());
    }

    /** The name a file gets when it is renamed out of its path: the taken name with another prefix. */
    Path outFor(Path taken) {
        return tmp().resolve(OUT_PREFIX + taken.getFileName().toString().substring(TAKEN_PREFIX.length()));
    }

    Path newJournal() {
        return tmp().resolve(JOURNAL_PREFIX + System.currentTimeMillis() + "-" + UUID.randomUUID() + ".jsonl");
    }
}
