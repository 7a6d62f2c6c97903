package io.foldersync.client.mirror;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.foldersync.link.SyncLog;

/**
 * Files that need the user's attention without being trouble: local-only files (never sent, since
 * clients do not create on the server) and files that no longer qualify (binary, too large). Each
 * is reported once, not at every reconcile.
 */
final class Attention {

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    private final String clientId;

    private final Events events;

    private final io.foldersync.files.Troubles troubles;

    Attention(String clientId, Events events, io.foldersync.files.Troubles troubles) {
        this.clientId = clientId;
        this.events = events;
        this.troubles = troubles;
    }

    void localOnly(String folder, String path, String why) {
        events.localOnly(folder, path, why);
        if (reported.add("local-only:" + folder + ":" + path)) {
            SyncLog.info(path + " " + why + ": not synchronised (clients never create files on the server) folder="
                    + folder + " client=" + clientId);
        }
    }

    /** A tracked file that no longer qualifies: skipped with a WARN, as the contract says. */
    void notSendable(String folder, String path, String reason) {
        events.notSynchronised(folder, path, reason);
        if (reported.add("ineligible:" + folder + ":" + path)) {
            SyncLog.warn(path + " is not synchronised: " + reason + "; the local file is kept, and kept aside if the "
                    + "server's version changes folder=" + folder + " client=" + clientId);
        }
    }

    /** Trouble with one path (unreadable, no space...): skipped for now, listed, retried later. */
    void trouble(String folder, String path, String reason) {
        troubles.report(folder, path, reason);
        events.notSynchronised(folder, path, reason);
    }

    /** The path syncs again. */
    void clear(String folder, String path) {
        troubles.clear(folder, path);
    }

    void warn(String folder, String message) {
        SyncLog.warn(message + " folder=" + folder + " client=" + clientId);
    }

    void reset() {
        reported.clear();
    }
}
