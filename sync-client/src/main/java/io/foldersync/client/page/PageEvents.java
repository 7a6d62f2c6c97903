package io.foldersync.client.page;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.foldersync.client.activity.Activity;

/**
 * Live updates for every open page, as server-sent events: {@code activity} (a sync event),
 * {@code status} (the at-a-glance figures, when they change; looked at every second),
 * {@code command} (a command run's progress) and {@code resync} (events were dropped: fetch
 * afresh). One thread sends everything, in order; producers only queue, and never wait: the
 * queue is bounded, and when it is full events are dropped and a {@code resync} follows.
 */
@Component
class PageEvents implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(PageEvents.class);

    /**
     * An open page reconnects by itself (EventSource) after this; each reconnect touches the
     * session, so an open page keeps its session alive, well within the default idle timeout (30 min).
     */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

    static final long STATUS_EVERY_MS = 1000;

    static final long PING_EVERY_MS = 15_000;

    /** Queued by a new subscriber to end the sender's long wait; never sent. */
    private static final Event WAKE = new Event("wake", null);

    static final int QUEUE = 2000;

    private record Event(String name, Object data) {
    }

    private final Supplier<?> status;

    private final Activity activity;

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);

    private volatile boolean dropped;

    /** A page subscribed: the sender sends it the status now, whatever it sent the others last. */
    private final AtomicBoolean subscribed = new AtomicBoolean();

    private volatile boolean running;

    private Thread sender;

    private Runnable unsubscribe;

    private Object lastStatus;

    @Autowired
    PageEvents(PageStatus status, Activity activity) {
        this(status::now, activity);
    }

    PageEvents(Supplier<?> status, Activity activity) {
        this.status = status;
        this.activity = activity;
    }

    SseEmitter subscribe() {
        return subscribe(new SseEmitter(STREAM_TIMEOUT.toMillis()));
    }

    SseEmitter subscribe(SseEmitter emitter) {
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitters.add(emitter);
        // Its first status comes from the sender too, never from here: a status sent from here could
        // be newer than the one the sender compares with, and then the sender, seeing no change,
        // would leave this page showing it for good (seen as "0 (1 queued)" on an idle client).
        subscribed.set(true);
        queue.offer(WAKE); // the sender may be in its long wait for a first subscriber
        return emitter;
    }

    /** Queues an event for every open page; never blocks. */
    void publish(String name, Object data) {
        if (running && !emitters.isEmpty() && !queue.offer(new Event(name, data))) {
            dropped = true;
        }
    }

    int subscribers() {
        return emitters.size();
    }

    @Override
    public void start() {
        running = true;
        unsubscribe = activity.subscribe(event -> publish("activity", event));
        sender = new Thread(this::send, "foldersync-page-events");
        sender.setDaemon(true);
        sender.start();
    }

    private void send() {
        long nextStatus = 0;
        long nextPing = System.currentTimeMillis() + PING_EVERY_MS;
        while (running) {
            try {
                // with nobody watching there is nothing to send: wait long (a subscriber wakes it), an idle client stays idle
                Event event = queue.poll(emitters.isEmpty() ? PING_EVERY_MS : STATUS_EVERY_MS / 4, TimeUnit.MILLISECONDS);
                if (event != null && event != WAKE) {
                    broadcast(event);
                }
                if (dropped) {
                    dropped = false;
                    queue.clear();
                    broadcast(new Event("resync", "events were dropped; fetch afresh"));
                }
                long now = System.currentTimeMillis();
                boolean newPage = subscribed.getAndSet(false);
                if ((newPage || now >= nextStatus) && !emitters.isEmpty()) {
                    nextStatus = now + STATUS_EVERY_MS;
                    Object current = status.get();
                    if (newPage || !Objects.equals(current, lastStatus)) {
                        lastStatus = current;
                        broadcast(new Event("status", current));
                    }
                }
                if (now >= nextPing) {
                    nextPing = now + PING_EVERY_MS;
                    ping();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException e) {
                log.warn("could not send the page's live updates", e);
            }
        }
    }

    private void broadcast(Event event) {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name(event.name()).data(event.data()));
            }
            catch (IOException | IllegalStateException e) {
                emitters.remove(emitter); // the page went away
            }
        }
    }

    private void ping() {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().comment("ping"));
            }
            catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (unsubscribe != null) {
            unsubscribe.run();
        }
        if (sender != null) {
            sender.interrupt();
        }
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
