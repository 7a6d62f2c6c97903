package io.foldersync.client.page;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.foldersync.client.ClientProperties;
import io.foldersync.client.link.Connector;
import io.foldersync.client.link.ServerLink;
import io.foldersync.client.mirror.ClientSync;
import io.foldersync.protocol.Features;

/** The "at a glance" figures of the page, read from the link, the connector and the mirror. */
@Component
class PageStatus {

    /** A clock offset beyond this is shown as a warning (times decide conflicts). */
    static final long CLOCK_WARN_MS = 2000;

    /**
     * @param state {@code connected}, {@code connecting}, {@code refused} or {@code down}
     * @param words the state in a sentence
     * @param clockWarning a sentence when the offset is beyond {@link #CLOCK_WARN_MS}, else null
     */
    record Status(String state, String words, String clientId, String server, String folder, String localFolder,
            long trackedFiles, int pendingUploads, int pendingFrames, String lastSyncAt, String connectedSince,
            long clockOffsetMs, String clockWarning, boolean commands, boolean conflictVersions) {
    }

    private final ServerLink link;

    private final Connector connector;

    private final ClientSync sync;

    private final String server;

    private final Clock clock;

    private final ConnectionWords words = new ConnectionWords();

    PageStatus(ServerLink link, Connector connector, ClientSync sync, ClientProperties properties, Clock clock) {
        this.link = link;
        this.connector = connector;
        this.sync = sync;
        this.server = properties.serverHost() + ":" + properties.serverPort();
        this.clock = clock;
    }

    Status now() {
        boolean ready = link.isReady();
        ConnectionWords.Connection connection = words.describe(new ConnectionWords.Observation(ready,
                !ready && link.hasConnection(), link.lastError(), connector.lastFailure(), server, clock.millis()));
        long offset = link.clockOffsetMs();
        String clockWarning = Math.abs(offset) > CLOCK_WARN_MS
                ? "This machine's clock differs from the server's by " + seconds(offset) + ". Times sent to the server are "
                        + "corrected, but do check the clock (NTP)."
                : null;
        return new Status(connection.state(), connection.words(), link.clientId(), server, sync.folder(),
                sync.root().toString(), sync.trackedFiles(), sync.pendingUploads(), link.pending(), iso(sync.lastSyncAt()),
                iso(link.connectedSince()), offset, clockWarning, link.agreed(Features.COMMANDS),
                link.agreed(Features.CONFLICT_VERSIONS));
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", Math.abs(millis) / 1000.0)
                + (millis > 0 ? " (it is behind)" : " (it is ahead)");
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
