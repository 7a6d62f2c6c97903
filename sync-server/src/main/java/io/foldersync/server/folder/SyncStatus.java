package io.foldersync.server.folder;

import java.time.Clock;
import java.time.Instant;

/** What the server's health and {@code /actuator/sync} report of the engine: last sync, and why the folder is down. */
public class SyncStatus {

    private final Clock clock;

    private volatile Instant lastSyncAt;

    private volatile String problem;

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

    void problem(String problem) {
        this.problem = problem;
    }

    void synced() {
        lastSyncAt = clock.instant();
    }
}
