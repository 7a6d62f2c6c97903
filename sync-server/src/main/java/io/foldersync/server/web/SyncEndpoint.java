package io.foldersync.server.web;

import java.time.Instant;
import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.foldersync.files.Troubles;
import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.web.TroubleView;
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.folder.Folders;
import io.foldersync.server.folder.ServerSync;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;

/**
 * {@code GET /actuator/sync} (admin token): what an operator needs to see of the server at a
 * glance. The contract's fields ({@code activeFolder}, {@code trackedFiles}, {@code conflicts},
 * {@code lastSyncAt}, {@code connectedClients}) come first; then the active folder's path and
 * problem, the clients, their queued frames and the kept conflict versions.
 */
@Component
@Endpoint(id = "sync")
class SyncEndpoint {

    private final ServerSync sync;

    private final Folders folders;

    private final ActiveFolder switcher;

    private final ClientSessions sessions;

    private final ConflictKeeper conflicts;

    private final Troubles troubles;

    SyncEndpoint(ServerSync sync, Folders folders, ActiveFolder switcher, ClientSessions sessions,
            ConflictKeeper conflicts, Troubles troubles) {
        this.sync = sync;
        this.folders = folders;
        this.switcher = switcher;
        this.sessions = sessions;
        this.conflicts = conflicts;
        this.troubles = troubles;
    }

    /**
     * The answer; nulls are written (the actuator's JSON mapper would drop them otherwise), so
     * {@code lastSyncAt} is present before the first sync too.
     *
     * @param activeFolderPath shown here only: the endpoint needs the admin token
     * @param folderProblem why the active folder is not synchronised (missing, unreadable, its disk too full for a
     *        client's edit), or null
     * @param watcherProblem why file events may be missed (the rescan still catches them), or null
     * @param pendingChanges frames queued for all clients and not yet written
     * @param conflictVersions the kept losing versions, newest first
     * @param skippedPaths how many paths are skipped for now because of trouble with them (unreadable...)
     * @param skipped the first of them, with the reason; each is retried at every rescan
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SyncReport(String activeFolder, long trackedFiles, long conflicts, String lastSyncAt, int connectedClients,
            String activeFolderPath, String folderProblem, String watcherProblem, int pendingChanges,
            List<ClientView> clients, List<ConflictView> conflictVersions, int skippedPaths, List<TroubleView> skipped) {
    }

    /**
     * One connected client.
     *
     * @param lastActivity when the client last sent a frame (pings included)
     * @param clockOffsetMs server clock minus client clock
     * @param pending frames queued for it
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ClientView(String id, String address, String folder, String connectedSince, String lastActivity,
            long filesIn, long bytesIn, long filesOut, long bytesOut, long clockOffsetMs, int pending) {

        static ClientView of(ClientSession session) {
            return new ClientView(session.clientId(), session.link().remoteAddress(), session.folder(),
                    iso(session.link().connectedSince()), iso(Instant.ofEpochMilli(session.link().lastReceived())),
                    session.filesIn(), session.bytesIn(), session.filesOut(), session.bytesOut(),
                    session.clockOffsetMs(), session.link().pending());
        }
    }

    @ReadOperation
    SyncReport report() {
        List<ClientView> clients = sessions.ready().stream().map(ClientView::of).toList();
        String folder = folders.active();
        String problem = sync.problem();
        return new SyncReport(folder, sync.trackedFiles(), conflicts.count(), iso(sync.lastSyncAt()), clients.size(),
                folders.activePath().toString(), problem, switcher.watcherProblem(),
                clients.stream().mapToInt(ClientView::pending).sum(), clients,
                conflicts.list().stream().map(ConflictView::of).toList(), troubles.count(), TroubleView.of(troubles));
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
