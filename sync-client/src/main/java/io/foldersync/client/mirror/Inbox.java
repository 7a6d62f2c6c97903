package io.foldersync.client.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.Staged;
import io.foldersync.files.Unprocessed;
import io.foldersync.protocol.SyncMessage;

/**
 * What the server sends, handled in arrival order on the sync thread, while the connection's reader
 * thread goes on receiving: file contents are staged by the reader and queued here, every other
 * message is queued as a task. Consecutive staged files are applied as one batch (one flush of all
 * of them, one journal, one directory flush per directory, one database transaction), so a first
 * sync of thousands of files costs a few flushes, not thousands. The queue is bounded: when the
 * disk falls behind, the reader waits, TCP's window closes, and the server's writer waits too.
 */
final class Inbox {

    private static final Log log = LogFactory.getLog(Inbox.class);

    /** Items queued at most: the reader waits beyond this (back-pressure), so memory stays flat. */
    static final int CAPACITY = 4096;

    /** Files applied together at most. */
    static final int BATCH = 1024;

    /** Staged bytes applied together at most (the flush of a batch waits for all of them). */
    static final long BATCH_BYTES = 64L << 20;

    sealed interface Item permits Arrival, Task {
    }

    /** A file's content, received and staged. */
    record Arrival(SyncMessage.FileUpdate update, Staged staged) implements Item {
    }

    /** Any other message, handled in turn. */
    record Task(String what, Action action) implements Item {
    }

    interface Action {
        void run() throws Exception;
    }

    interface BatchHandler {
        void apply(List<Arrival> batch) throws Exception;
    }

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(CAPACITY);

    private final AtomicBoolean scheduled = new AtomicBoolean();

    private final Executor executor;

    private final BatchHandler batches;

    /** Failures: health says why (the state database's disk is full...), the next reconcile retries. */
    private final Unprocessed unprocessed;

    Inbox(Executor executor, BatchHandler batches, Unprocessed unprocessed) {
        this.executor = executor;
        this.batches = batches;
        this.unprocessed = unprocessed;
    }

    int size() {
        return queue.size();
    }

    void put(Item item) {
        try {
            queue.put(item);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while queueing " + describe(item) + "; the next reconcile catches up");
            return;
        }
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Item item;
            while ((item = queue.poll()) != null) {
                if (item instanceof Task task) {
                    run(task);
                    continue;
                }
                List<Arrival> batch = new ArrayList<>();
                long bytes = 0;
                Arrival arrival = (Arrival) item;
                batch.add(arrival);
                bytes += arrival.staged().size();
                while (batch.size() < BATCH && bytes < BATCH_BYTES && queue.peek() instanceof Arrival next) {
                    queue.poll();
                    batch.add(next);
                    bytes += next.staged().size();
                }
                try {
                    batches.apply(batch);
                }
                catch (Exception | Error e) {
                    unprocessed.failed(batch.size() + " file(s) from the server", e);
                }
            }
        }
        finally {
            scheduled.set(false);
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }

    private void run(Task task) {
        try {
            task.action().run();
        }
        catch (Exception | Error e) {
            unprocessed.failed(task.what() + " from the server", e);
        }
    }

    private static String describe(Item item) {
        return item instanceof Task t ? t.what() : "FILE_UPDATE " + ((Arrival) item).update().path();
    }
}
