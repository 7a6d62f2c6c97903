package io.foldersync.bench.product;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.foldersync.bench.support.Deadline;
import io.foldersync.bench.support.Ports;
import io.foldersync.bench.wire.Relay;

/**
 * A foldersync server and one client on loopback, the client talking to the server through a
 * {@link Relay} that counts the bytes. Each has its own state database, HTTP port and log under
 * the case's directory; the tokens are fresh random ones.
 */
public final class Pair implements AutoCloseable {

    /** What the client logs when the handshake completes (WELCOME checked). */
    static final Pattern HANDSHAKE = Pattern.compile("connected to the server");

    /** What the server logs once its sync port accepts connections. */
    static final Pattern LISTENING = Pattern.compile("sync port listening on port");

    private static final Duration POLL = Duration.ofMillis(100);

    /** How long the log may lag behind {@code connected: true} before the HTTP state is taken instead. */
    private static final Duration LOG_GRACE = Duration.ofSeconds(2);

    /**
     * Where things are.
     *
     * @param dir the case's directory: logs, state databases
     * @param tls whether to ask both sides for TLS ({@code foldersync.tls.enabled})
     */
    public record Setup(Path serverJar, Path clientJar, Path dir, Path serverFolder, Path clientFolder, boolean tls) {
    }

    /** When the server was launched, accepted connections, and had every file of its folder indexed. */
    public record ServerStart(Instant launchedAt, Instant listeningAt, Instant indexedAt) {
    }

    /**
     * When the client was launched and completed its handshake.
     *
     * @param source where the handshake time comes from: the client's log line, or its HTTP state
     */
    public record ClientStart(Instant launchedAt, Instant handshakeAt, String source) {

        public Duration startUp() {
            return Duration.between(launchedAt, handshakeAt);
        }
    }

    private final Setup setup;

    private final String token = secret();

    private final String adminToken = secret();

    private final int syncPort = Ports.free();

    private final int serverHttpPort = Ports.free();

    private final int clientHttpPort = Ports.free();

    private final List<ProductNode> servers = new ArrayList<>();

    private final List<ProductNode> clients = new ArrayList<>();

    private Relay relay;

    public Pair(Setup setup) {
        this.setup = setup;
    }

    public ProductNode server() {
        return servers.get(servers.size() - 1);
    }

    public ProductNode client() {
        return clients.get(clients.size() - 1);
    }

    public Relay relay() {
        return relay;
    }

    public Path serverFolder() {
        return setup.serverFolder();
    }

    public Path clientFolder() {
        return setup.clientFolder();
    }

    /** Starts the server and waits until it has indexed the expected number of files. */
    public ServerStart startServer(long expectedFiles, Deadline deadline) throws IOException {
        Files.createDirectories(setup.dir().resolve("server-state"));
        List<String> properties = List.of(
                "--foldersync.folders.bench=" + setup.serverFolder().toAbsolutePath(),
                "--foldersync.active-folder=bench",
                "--foldersync.listen-address=127.0.0.1",
                "--foldersync.listen-port=" + syncPort,
                "--foldersync.token=" + token,
                "--foldersync.admin-token=" + adminToken,
                "--foldersync.state-db=" + setup.dir().resolve("server-state/server-state.db").toAbsolutePath(),
                "--foldersync.tls.enabled=" + setup.tls(),
                "--server.address=127.0.0.1",
                "--server.port=" + serverHttpPort);
        ProductNode server = ProductNode.launch("server-" + (servers.size() + 1), setup.serverJar(), setup.dir(),
                properties, serverHttpPort, adminToken);
        servers.add(server);
        while (true) {
            Optional<Actuator.SyncState> state = server.actuator().sync();
            if (state.isPresent() && state.get().trackedFiles() >= expectedFiles) {
                Instant indexed = Instant.now();
                if (relay == null) {
                    relay = Relay.start("sync", syncPort);
                }
                // the log line only dates the moment the port opened; without it (reworded), the indexed time stands in
                Instant listening = server.log().find(LISTENING).map(LogWatch.Line::at).orElse(indexed);
                return new ServerStart(server.launchedAt(), listening, indexed);
            }
            if (!server.alive()) {
                throw new IllegalStateException("the server stopped during start-up: " + server.death());
            }
            if (deadline.passed()) {
                throw new IllegalStateException("the server had not indexed its " + expectedFiles + " files after "
                        + deadline.budget().toSeconds() + " s (trackedFiles: "
                        + state.map(s -> String.valueOf(s.trackedFiles())).orElse("no answer") + ")");
            }
            deadline.pause(POLL);
        }
    }

    /** Starts a client (again, after {@link #stopClient()}: same folder and state) and waits for its handshake. */
    public ClientStart startClient(Deadline deadline) throws IOException {
        Files.createDirectories(setup.dir().resolve("client-state"));
        Files.createDirectories(setup.clientFolder());
        List<String> properties = List.of(
                "--foldersync.server-host=127.0.0.1",
                "--foldersync.server-port=" + relay.port(),
                "--foldersync.local-folder=" + setup.clientFolder().toAbsolutePath(),
                "--foldersync.client-id=bench-client",
                "--foldersync.token=" + token,
                "--foldersync.admin-token=" + adminToken,
                "--foldersync.state-db=" + setup.dir().resolve("client-state/client-state.db").toAbsolutePath(),
                "--foldersync.tls.enabled=" + setup.tls(),
                "--server.address=127.0.0.1",
                "--server.port=" + clientHttpPort);
        ProductNode client = ProductNode.launch("client-" + (clients.size() + 1), setup.clientJar(), setup.dir(),
                properties, clientHttpPort, adminToken);
        clients.add(client);
        Instant connectedSeen = null;
        while (true) {
            Optional<LogWatch.Line> line = client.log().find(HANDSHAKE);
            if (line.isPresent()) {
                return new ClientStart(client.launchedAt(), line.get().at(),
                        line.get().stamped() ? "client's log line" : "client's log line (time read)");
            }
            if (!client.alive()) {
                throw new IllegalStateException("the client stopped during start-up: " + client.death());
            }
            // no such line (yet, or reworded): the contract's connected flag, once it has said so for a while
            Optional<Actuator.SyncState> state = client.actuator().sync();
            if (state.isPresent() && Boolean.TRUE.equals(state.get().connected())) {
                connectedSeen = connectedSeen != null ? connectedSeen : Instant.now();
                if (Duration.between(connectedSeen, Instant.now()).compareTo(LOG_GRACE) > 0) {
                    Instant since = state.get().connectedSince();
                    return new ClientStart(client.launchedAt(), since != null ? since : connectedSeen,
                            since != null ? "client's /actuator/sync connectedSince" : "client's /actuator/sync connected");
                }
            }
            if (deadline.passed()) {
                throw new IllegalStateException("the client did not complete a handshake within "
                        + deadline.budget().toSeconds() + " s; the end of " + client.log().file() + ":\n  "
                        + String.join("\n  ", client.log().tail(15)));
            }
            deadline.pause(Duration.ofMillis(50));
        }
    }

    public void stopClient() {
        if (!clients.isEmpty()) {
            client().stop();
        }
    }

    /** The peak heap over every server (or client) process this pair ran, in bytes; -1 when unknown. */
    public long peakHeap(boolean server) {
        return (server ? servers : clients).stream().mapToLong(ProductNode::peakHeapBytes).max().orElse(-1);
    }

    /** The largest heap left after a collection over every server (or client) process of this pair; -1 when unknown. */
    public long peakHeapAfterGc(boolean server) {
        return (server ? servers : clients).stream().mapToLong(ProductNode::peakHeapAfterGcBytes).max().orElse(-1);
    }

    /** Whether any process of this pair logged an OutOfMemoryError. */
    public boolean ranOutOfMemory() throws IOException {
        for (ProductNode node : servers) {
            if (node.ranOutOfMemory()) {
                return true;
            }
        }
        for (ProductNode node : clients) {
            if (node.ranOutOfMemory()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        clients.forEach(ProductNode::stop);
        servers.forEach(ProductNode::stop);
        if (relay != null) {
            relay.close();
        }
    }

    private static String secret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "bench-" + HexFormat.of().formatHex(bytes);
    }
}
