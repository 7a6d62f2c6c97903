package io.foldersync.bench.product;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The HTTP side of a server or client, as the contract defines it: {@code /actuator/sync} (admin
 * token) and {@code /actuator/prometheus} (no token). A process that does not answer (starting,
 * busy, gone) gives an empty answer, never an exception: callers poll.
 */
public final class Actuator {

    /**
     * What {@code /actuator/sync} said.
     *
     * @param trackedFiles files in the side's state database
     * @param connected the client's {@code connected}; null on the server
     * @param lastSyncAt the contract's {@code lastSyncAt}, or null
     * @param connectedSince the client's {@code connectedSince} (beyond the contract), or null
     */
    public record SyncState(long trackedFiles, Boolean connected, Instant lastSyncAt, Instant connectedSince) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int port;

    private final String adminToken;

    Actuator(int port, String adminToken) {
        this.port = port;
        this.adminToken = adminToken;
    }

    public int port() {
        return port;
    }

    public Optional<SyncState> sync() {
        return get("/actuator/sync", true).map(json -> new SyncState(
                JsonFields.number(json, "trackedFiles").orElse(-1L),
                JsonFields.bool(json, "connected").orElse(null),
                JsonFields.string(json, "lastSyncAt").map(Actuator::instant).orElse(null),
                JsonFields.string(json, "connectedSince").map(Actuator::instant).orElse(null)));
    }

    /** The sum of the {@code jvm_memory_used_bytes} gauges of the heap pools. */
    public OptionalLong heapUsedBytes() {
        return get("/actuator/prometheus", false).stream().mapToLong(Actuator::heapUsed).filter(v -> v >= 0).findFirst();
    }

    static long heapUsed(String prometheus) {
        long sum = 0;
        boolean found = false;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                sum += (long) Double.parseDouble(value);
                found = true;
            }
        }
        return found ? sum : -1;
    }

    private Optional<String> get(String path, boolean admin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT).GET();
        if (admin) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty(); // not listening yet, or busy beyond the timeout: the caller polls again
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }
}
