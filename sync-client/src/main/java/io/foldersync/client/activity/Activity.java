package io.foldersync.client.activity;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.client.activity.SyncEvent.Direction;
import io.foldersync.client.activity.SyncEvent.Kind;

/**
 * The record of recent sync events: the last {@value #CAPACITY} in a ring, newest first when
 * read, and handed to every subscriber as they happen. Subscribers are called on the engine's
 * thread and must only queue what they get. Local-only and not-synchronised files also go to
 * {@link Attention}, and into the record the first time they are seen.
 */
public final class Activity implements SyncEvents {

    private static final Log log = LogFactory.getLog(Activity.class);

    public static final int CAPACITY = 500;

    private final Clock clock;

    private final Attention attention;

    private final ArrayDeque<SyncEvent> ring = new ArrayDeque<>(CAPACITY);

    private final List<Consumer<SyncEvent>> subscribers = new CopyOnWriteArrayList<>();

    private long seq;

    public Activity(Clock clock, Attention attention) {
        this.clock = clock;
        this.attention = attention;
    }

    public Attention attention() {
        return attention;
    }

    /** Up to {@code max} events, newest first. */
    public synchronized List<SyncEvent> recent(int max) {
        List<SyncEvent> list = new ArrayList<>(Math.min(max, ring.size()));
        Iterator<SyncEvent> newestFirst = ring.descendingIterator();
        while (newestFirst.hasNext() && list.size() < max) {
            list.add(newestFirst.next());
        }
        return list;
    }

    /** Hears every event from now on, until the returned handle is run. */
    public Runnable subscribe(Consumer<SyncEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public SyncEvent record(Kind kind, Direction direction, String folder, String path, String detail) {
        SyncEvent event;
        synchronized (this) {
            event = new SyncEvent(++seq, clock.instant(), kind, direction, folder, path, detail);
            if (ring.size() == CAPACITY) {
                ring.removeFirst();
            }
            ring.addLast(event);
        }
        for (Consumer<SyncEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            }
            catch (RuntimeException e) {
                log.warn("an activity subscriber failed; dropping it", e);
                subscribers.remove(subscriber);
            }
        }
        return event;
    }

    // ------------------------------------------------------------------ SyncEvents

    @Override
    public void received(String folder, String path, long size) {
        record(Kind.RECEIVED, Direction.IN, folder, path, size + " bytes");
    }

    @Override
    public void sent(String folder, String path, long size) {
        record(Kind.SENT, Direction.OUT, folder, path, size + " bytes");
    }

    @Override
    public void moved(String folder, String from, String to) {
        record(Kind.MOVED, Direction.IN, folder, from, "to " + to);
    }

    @Override
    public void deleted(String folder, String path, String why) {
        record(Kind.DELETED, Direction.IN, folder, path, why);
    }

    @Override
    public void keptCopy(String folder, String path, String copy, String why) {
        record(Kind.CONFLICT, Direction.LOCAL, folder, path, "local version kept as " + copy + ": " + why);
    }

    @Override
    public void conflict(String folder, String path, String message) {
        record(Kind.CONFLICT, Direction.OUT, folder, path, message);
    }

    @Override
    public void refused(String folder, String path, Direction direction, String code, String message) {
        record(Kind.REFUSED, direction, folder, path, code + ": " + message);
    }

    @Override
    public void localOnly(String folder, String path, String reason) {
        reason = path != null && path.contains(".sync-conflict-")
                ? "a conflict copy: listed under the conflicts; never synchronised" : withoutPath(path, reason);
        if (attention.note(folder, path, Attention.Reason.LOCAL_ONLY, reason, clock.instant())) {
            record(Kind.LOCAL_ONLY, Direction.LOCAL, folder, path, reason);
        }
    }

    @Override
    public void notSynchronised(String folder, String path, String reason) {
        reason = withoutPath(path, reason);
        if (attention.note(folder, path, Attention.Reason.NOT_SYNCHRONISED, reason, clock.instant())) {
            record(Kind.NOT_SYNCHRONISED, Direction.LOCAL, folder, path, reason);
        }
    }

    /** The engine's sentences start with the path ("a.txt exists only here..."); the page shows the path beside them. */
    static String withoutPath(String path, String reason) {
        return reason != null && path != null && reason.startsWith(path + " ") ? reason.substring(path.length() + 1) : reason;
    }
}
