package io.foldersync.server.folder;

import java.time.Clock;
import java.time.Instant;

import io.foldersync.files.Unprocessed;

/**
 * What the server's health and {@code /actuator/sync} report of the engine: last sync, why the folder
 * is down, whether changes seen in it could not be processed, and whether its file system was too
 * full for a client's edit.
 */
public class SyncStatus {

    private final Clock clock;

    private volatile Instant lastSyncAt;

    private volatile String problem;

    private final FolderSpace space = new FolderSpace();

    private final Unprocessed unprocessed = new Unprocessed(
            "they are not sent to the clients, and the folder is rescanned at every interval until it succeeds",
            "retried at every interval");

    public SyncStatus(Clock clock) {
        this.clock = clock;
    }

    public Instant lastSyncAt() {
        return lastSyncAt;
    }

    /** Why the active folder is not being synchronised, or null when all is well. */
    public String problem() {
        return problem;
    }

    public FolderSpace space() {
        return space;
    }

    public Unprocessed unprocessed() {
        return unprocessed;
    }

    void problem(String problem) {
        this.problem = problem;
    }

    void synced() {
        lastSyncAt = clock.instant();
    }
}
