package io.foldersync.client.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import io.foldersync.client.ClientProperties;
import io.foldersync.client.link.Connector;
import io.foldersync.client.link.ServerLink;
import io.foldersync.client.mirror.ClientSync;

/**
 * The {@code sync} component of {@code /actuator/health}: whether the client is connected to its
 * server, and since when.
 *
 * <p>Connected: UP. Disconnected: OUT_OF_SERVICE, not DOWN, because nothing is broken on this
 * side: the client keeps reconnecting on its own and catches up by a reconcile, and an
 * orchestrator restarting it would not help (both statuses answer HTTP 503 all the same). The
 * exception is a server that refused the handshake or could not prove it knows the token
 * ({@code lastError}): that needs an operator (check {@code foldersync.token}), so it is DOWN.
 * So is a local folder that is gone and cannot be made again (its parent is gone too: an
 * unmounted disk), and, for the moment until the next reconcile repairs it, one deleted whole; and
 * so is a local folder whose file system is full: content from the server cannot be stored until
 * someone frees space (the client then resumes by itself).
 */
@Component
class SyncHealthIndicator implements HealthIndicator {

    private final ServerLink link;

    private final ClientProperties properties;

    private final ClientSync sync;

    private final Connector connector;

    SyncHealthIndicator(ServerLink link, ClientProperties properties, ClientSync sync, Connector connector) {
        this.link = link;
        this.properties = properties;
        this.sync = sync;
        this.connector = connector;
    }

    @Override
    public Health health() {
        String server = properties.serverHost() + ":" + properties.serverPort();
        String folderProblem = sync.localFolderProblem();
        if (folderProblem != null) {
            return Health.down().withDetail("reason", folderProblem)
                    .withDetail("connected", link.isReady())
                    .withDetail("server", server)
                    .build();
        }
        if (link.isReady()) {
            return Health.up()
                    .withDetail("connected", true)
                    .withDetail("since", String.valueOf(link.connectedSince()))
                    .withDetail("server", server)
                    .build();
        }
        String error = link.lastError();
        // why the last attempt failed (a name that does not resolve, a refused port) says what to look at
        String failure = connector.lastFailure();
        Health.Builder health = error != null ? Health.down().withDetail("reason", error)
                : Health.status(Status.OUT_OF_SERVICE).withDetail("reason", "not connected to the server"
                        + (failure != null ? " (" + failure + ")" : "") + "; reconnecting");
        return health.withDetail("connected", false)
                .withDetail("since", String.valueOf(link.disconnectedSince()))
                .withDetail("server", server)
                .build();
    }
}
