package io.foldersync.server.web;

import java.nio.file.Path;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.stereotype.Component;

import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.folder.Folders;
import io.foldersync.server.folder.ServerSync;
import io.foldersync.server.session.ClientSessions;

/**
 * The {@code sync} component of {@code /actuator/health}: UP when the sync port listens and the
 * active folder is present and readable; DOWN with the reason otherwise. Details (shown only with
 * the admin token) name the folder, never its path: the reason has the path replaced by the name.
 * A folder whose file system refused a client's edit for want of space is DOWN until space is freed
 * ({@link io.foldersync.server.folder.FolderSpace}).
 * A degraded watcher (watch limit reached) stays UP, since the periodic rescan still finds every
 * change; it shows as the {@code watcher} detail.
 */
@Component
class SyncHealthIndicator implements HealthIndicator {

    private final TcpNetServerConnectionFactory syncPort;

    private final ServerSync sync;

    private final Folders folders;

    private final ActiveFolder switcher;

    private final ClientSessions sessions;

    SyncHealthIndicator(TcpNetServerConnectionFactory syncPort, ServerSync sync, Folders folders,
            ActiveFolder switcher, ClientSessions sessions) {
        this.syncPort = syncPort;
        this.sync = sync;
        this.folders = folders;
        this.switcher = switcher;
        this.sessions = sessions;
    }

    @Override
    public Health health() {
        String folder = folders.active();
        Health.Builder health = Health.up();
        String problem = sync.problem();
        if (problem != null) {
            health = Health.down().withDetail("reason", withoutPaths(problem));
        }
        else if (!syncPort.isListening()) {
            health = Health.down().withDetail("reason", "the sync port is not listening");
        }
        health.withDetail("port", syncPort.getPort())
                .withDetail("listening", syncPort.isListening())
                .withDetail("folder", folder)
                .withDetail("connectedClients", sessions.readyCount());
        String watcher = switcher.watcherProblem();
        if (watcher != null) {
            health.withDetail("watcher", withoutPaths(watcher));
        }
        return health.build();
    }

    /** Replaces every configured folder's absolute path by its name. */
    private String withoutPaths(String message) {
        String result = message;
        for (var info : folders.list()) {
            Path path = folders.path(info.name());
            if (path != null) {
                result = result.replace(path.toString(), "'" + info.name() + "'");
            }
        }
        return result;
    }
}
