package io.foldersync.client.link;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;

/**
 * Keeps the client connected: connects at start, and after a loss reconnects with exponential
 * backoff and jitter (so a restarted server is not met by every client at the same instant),
 * capped at the sync interval. A failed attempt is logged once per outage, not once per try.
 * It also runs the heartbeat round of the connection.
 */
public class Connector implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(Connector.class);

    static final long FIRST_RETRY_MS = 200;

    /** How often a ready link is looked after (heartbeats): five times a second would keep an idle client awake. */
    static final long READY_TICK_MS = 1000;

    private final AbstractClientConnectionFactory factory;

    private final ServerLink link;

    private final long intervalMs;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "foldersync-connect");
        t.setDaemon(true);
        return t;
    });

    private volatile boolean running;

    private volatile long backoffMs = FIRST_RETRY_MS;

    private volatile boolean outageReported;

    private volatile long lastHeartbeat;

    /** No connection attempt before this (epoch ms): the backoff after a failed or unfinished attempt. */
    private volatile long nextAttemptAt;

    private volatile String lastFailure;

    public Connector(AbstractClientConnectionFactory factory, ServerLink link, Duration interval) {
        this.factory = factory;
        this.link = link;
        this.intervalMs = interval.toMillis();
    }

    @Override
    public void start() {
        running = true;
        thread.execute(this::tick);
    }

    private void tick() {
        if (!running) {
            return;
        }
        long delay = FIRST_RETRY_MS;
        try {
            long now = System.currentTimeMillis();
            if (!link.hasConnection()) {
                // an attempt that connected but never completed the handshake (a silent server) backs off too
                delay = now < nextAttemptAt ? nextAttemptAt - now : connect();
            }
            else {
                if (link.isReady()) {
                    backoffMs = FIRST_RETRY_MS;
                    nextAttemptAt = 0;
                    outageReported = false;
                    // heartbeats are checked every interval/5; a lost connection is seen within a second
                    delay = Math.min(READY_TICK_MS, intervalMs / 5);
                }
                if (now - lastHeartbeat >= intervalMs / 5) {
                    link.heartbeat(intervalMs);
                    lastHeartbeat = now;
                }
            }
        }
        catch (RuntimeException | Error e) { // NOPMD an Error too: the finally below keeps the connector alive
            log.error("connection housekeeping failed; trying again", e);
        }
        finally {
            if (running) {
                thread.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private long connect() {
        try {
            factory.getConnection();
            lastFailure = null;
            // the backoff is reset once the handshake completes, not here: until then, the next attempt waits
            nextAttemptAt = System.currentTimeMillis() + nextBackoff();
            return FIRST_RETRY_MS;
        }
        catch (Exception e) {
            lastFailure = rootMessage(e);
            if (!outageReported) {
                log.warn("cannot reach the server at " + factory.getHost() + ":" + factory.getPort() + " ("
                        + rootMessage(e) + "); retrying with backoff up to every " + intervalMs + " ms");
                outageReported = true;
            }
            long delay = nextBackoff();
            nextAttemptAt = System.currentTimeMillis() + delay;
            return delay;
        }
    }

    /** Why the last attempt to connect failed ({@code ConnectException: Connection refused}), or null once one succeeded. */
    public String lastFailure() {
        return lastFailure;
    }

    /** The wait before the next attempt (with jitter), doubling up to the interval. */
    private long nextBackoff() {
        long delay = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
        backoffMs = Math.min(intervalMs, backoffMs * 2);
        return Math.min(delay, intervalMs);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public void stop() {
        running = false;
        thread.shutdownNow();
        link.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the inbound adapter has registered as the connection's listener
        return Integer.MAX_VALUE - 1000;
    }
}
