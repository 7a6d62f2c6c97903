package io.foldersync.link.admission;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Connections refused by this side, by code: each one is counted (the
 * {@code foldersync.connections.refused} meter) and logged, but a flood does not flood the log:
 * per code, one WARN line per {@link #WINDOW_MS}, which says how many more were refused meanwhile.
 */
public final class Refusals {

    private static final Log log = LogFactory.getLog(Refusals.class);

    static final long WINDOW_MS = 10_000;

    private final Consumer<String> counter;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** @param counter told the code of every refused connection */
    public Refusals(Consumer<String> counter) {
        this.counter = counter;
    }

    /** Counts and (throttled) logs one refused connection. */
    public void refused(String code, String peer, String why) {
        counter.accept(code);
        Window window = windows.computeIfAbsent(code, c -> new Window());
        long now = System.currentTimeMillis();
        long suppressed;
        synchronized (window) {
            if (now - window.loggedAt < WINDOW_MS) {
                window.suppressed.incrementAndGet();
                if (log.isDebugEnabled()) {
                    log.debug("refused the connection with " + peer + " (" + code + "): " + why);
                }
                return;
            }
            window.loggedAt = now;
            suppressed = window.suppressed.getAndSet(0);
        }
        log.warn("refused the connection with " + peer + " (" + code + "): " + why
                + (suppressed > 0 ? " (and " + suppressed + " more " + code + " in the last " + WINDOW_MS / 1000
                        + " s; see foldersync_connections_refused_total)" : ""));
    }

    private static final class Window {

        long loggedAt = Long.MIN_VALUE / 2;

        final AtomicLong suppressed = new AtomicLong();
    }
}
