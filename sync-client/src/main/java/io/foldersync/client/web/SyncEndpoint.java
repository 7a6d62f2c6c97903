package io.foldersync.client.web;

import java.time.Instant;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.foldersync.client.ClientProperties;
import io.foldersync.client.link.ServerLink;
import io.foldersync.client.mirror.ClientSync;
import io.foldersync.web.TroubleView;
import java.util.List;

/**
 * {@code GET /actuator/sync} (admin token): the client's side of things. The contract's fields
 * ({@code activeFolder}, {@code trackedFiles}, {@code conflicts}, {@code lastSyncAt},
 * {@code connected}) come first. {@code conflicts} counts the local conflict copies kept in the
 * local folder; the server's {@code /actuator/sync} lists the versions it kept.
 */
@Component
@Endpoint(id = "sync")
class SyncEndpoint {

    private final ClientSync sync;

    private final ServerLink link;

    private final ClientProperties properties;

    SyncEndpoint(ClientSync sync, ServerLink link, ClientProperties properties) {
        this.sync = sync;
        this.link = link;
        this.properties = properties;
    }

    /**
     * The answer; nulls are written, so every field is always present.
     *
     * @param activeFolder the server folder this client mirrors (null before the first connection)
     * @param localFolder the local mirror's absolute path (the endpoint needs the admin token)
     * @param connectedSince when the current connection completed its handshake, or null
     * @param disconnectedSince when the last connection was lost (or start-up), or null while connected
     * @param server the configured server, {@code host:port}
     * @param serverAddress the address of the current connection, or null
     * @param clockOffsetMs server clock minus this machine's, measured at the last handshake
     * @param pendingUploads edits sent and not yet answered by the server
     * @param pendingFrames frames queued for the server and not yet written
     * @param lastError why the server refused or was dropped at the last handshake, or null
     * @param skippedPaths how many paths are skipped for now because of trouble with them (unreadable...)
     * @param skipped the first of them, with the reason; each is retried at the next reconcile
     * @param localDiskFull why the server is not asked for files now: the local folder's file system is
     *        full (with the space free); null otherwise
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SyncReport(String activeFolder, long trackedFiles, long conflicts, String lastSyncAt, boolean connected,
            String clientId, String localFolder, String connectedSince, String disconnectedSince, String server,
            String serverAddress, long clockOffsetMs, int pendingUploads, int pendingFrames, String lastError,
            int skippedPaths, List<TroubleView> skipped, String localDiskFull) {
    }

    @ReadOperation
    SyncReport report() {
        return new SyncReport(sync.folder(), sync.trackedFiles(), ConflictCopies.count(sync.root()),
                iso(sync.lastSyncAt()), link.isReady(), link.clientId(), sync.root().toString(),
                iso(link.connectedSince()), iso(link.disconnectedSince()),
                properties.serverHost() + ":" + properties.serverPort(), link.remoteAddress(), link.clockOffsetMs(),
                sync.pendingUploads(), link.pending(), link.lastError(), sync.troubles().count(),
                TroubleView.of(sync.troubles()), sync.localDiskFull());
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
