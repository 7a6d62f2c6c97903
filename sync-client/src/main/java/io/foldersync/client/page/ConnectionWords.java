package io.foldersync.client.page;

/**
 * The connection's state in words a person understands, from what the link and the connector
 * know. It remembers one thing across looks: that a handshake was under way, so a connection that
 * then vanishes without a refusal is told as "the handshake did not complete".
 */
final class ConnectionWords {

    /** A handshake that takes longer than this is reported as stuck (a server that accepted but does not answer). */
    static final long SLOW_HANDSHAKE_MS = 10_000;

    /** What is known at one look. */
    record Observation(boolean ready, boolean connecting, String lastError, String connectFailure, String server,
            long now) {
    }

    /**
     * @param state {@code connected}, {@code connecting}, {@code refused} (needs an operator) or {@code down} (retrying)
     */
    record Connection(String state, String words) {
    }

    private long handshakeSince = -1;

    private boolean handshakeLost;

    synchronized Connection describe(Observation o) {
        if (o.ready()) {
            handshakeSince = -1;
            handshakeLost = false;
            return new Connection("connected", "Connected to " + o.server());
        }
        if (o.connecting()) {
            if (handshakeSince < 0) {
                handshakeSince = o.now();
            }
            if (o.now() - handshakeSince > SLOW_HANDSHAKE_MS) {
                return new Connection("connecting", "The handshake with " + o.server() + " timed out: it is connected "
                        + "but has not answered for " + (o.now() - handshakeSince) / 1000 + " s");
            }
            return new Connection("connecting", "Connecting to " + o.server() + " (handshake in progress)");
        }
        if (handshakeSince >= 0) {
            handshakeLost = o.lastError() == null;
            handshakeSince = -1;
        }
        if (o.connectFailure() != null) {
            handshakeLost = false;
            return new Connection("down", down(o.server(), o.connectFailure()));
        }
        if (o.lastError() != null) {
            return new Connection("refused", refused(o.server(), o.lastError()));
        }
        if (handshakeLost) {
            return new Connection("down", "The handshake with " + o.server() + " did not complete (timed out or "
                    + "closed by the server); retrying");
        }
        return new Connection("down", "Not connected to " + o.server() + "; reconnecting");
    }

    private static String down(String server, String failure) {
        String f = failure.toLowerCase(java.util.Locale.ROOT);
        if (f.contains("connection refused")) {
            return "Server down: nothing answers at " + server + " (connection refused); retrying";
        }
        if (f.contains("unknownhost") || f.contains("unknown host") || f.contains("name or service not known")) {
            return "Server not found: the host of " + server + " is unknown (check foldersync.server-host)";
        }
        if (f.contains("timed out") || f.contains("timeout")) {
            return "Server unreachable: connecting to " + server + " timed out; retrying";
        }
        if (f.contains("no route") || f.contains("unreachable")) {
            return "Server unreachable: no route to " + server + "; retrying";
        }
        return "Cannot reach the server at " + server + " (" + failure + "); retrying";
    }

    private static String refused(String server, String error) {
        if (error.contains("AUTH_FAILED")) {
            return "Token refused: the server at " + server + " does not accept this client's foldersync.token "
                    + "(the shared one, or this client's own if the server gives its client id one)";
        }
        if (error.contains("could not prove")) {
            return "The server at " + server + " could not prove it knows the token: another server, or the "
                    + "tokens differ; this client does not sync with it";
        }
        if (error.contains("UNSUPPORTED_VERSION")) {
            return "The server at " + server + " speaks another protocol version: update the older of the two";
        }
        return "The server at " + server + " refused the connection: " + error;
    }
}
