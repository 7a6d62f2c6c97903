package io.foldersync.files;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The head of both sides' sync flows: watch a folder, gather the events of a short window into
 * one batch (one scan for a burst of events, and both halves of a rename in the same batch),
 * and hand the batch to the side's sync engine on its own thread. A batch of plain edits is
 * released as soon as the writes pause ({@link #EDIT_QUIET_MS}): only creates and deletes, which
 * may pair into a move, wait for the window.
 */
public final class WatchFlows {

    private static final org.apache.commons.logging.Log log = org.apache.commons.logging.LogFactory.getLog(WatchFlows.class);

    /** How long events are gathered before a batch is released: short against the 1 s target. */
    public static final long BATCH_WINDOW_MS = 50;

    /**
     * How long writes must pause before a batch of plain edits is released: long enough to see a save
     * whole (a truncation and its new content come microseconds apart), short against the 1 s target.
     */
    public static final long EDIT_QUIET_MS = 10;

    /** A batch is released early at this size, so a mass change never waits on a growing list. */
    public static final int MAX_BATCH = 10_000;

    private WatchFlows() {
    }

    /** When a batch is released: a quiet moment after its last edit, or at the end of the window. */
    static long releaseAt(org.springframework.integration.store.MessageGroup group) {
        long window = group.getTimestamp() + BATCH_WINDOW_MS;
        return onlyEdits(group.getMessages()) ? Math.min(window, group.getLastModified() + EDIT_QUIET_MS) : window;
    }

    /**
     * True when every event of a batch is a modification: such a batch cannot pair into a move (a
     * rename shows as a delete and a create), so it is released without waiting for the window.
     */
    static boolean onlyEdits(java.util.Collection<org.springframework.messaging.Message<?>> messages) {
        for (org.springframework.messaging.Message<?> message : messages) {
            if (!(message.getPayload() instanceof FolderEvent event) || event.kind() != FolderEvent.Kind.MODIFIED
                    || event.path().isEmpty()) {
                return false;
            }
        }
        return !messages.isEmpty();
    }

    @SuppressWarnings("unchecked")
    public static IntegrationFlow watch(FolderWatcher watcher, String correlation, Executor syncThread,
            Consumer<List<FolderEvent>> engine) {
        return IntegrationFlow.from(watcher)
                .aggregate(batch -> batch
                        .correlationStrategy(message -> correlation)
                        .releaseStrategy(group -> group.size() >= MAX_BATCH)
                        // only what may be half of a rename waits for the window (measured from the batch's first
                        // event, so a steady stream of events cannot hold it back); plain edits go as soon as the
                        // writes have paused (the timeout is set again at every event), so a file is not read
                        // between its truncation and its new content
                        .groupTimeout(group -> Math.max(1, releaseAt(group) - System.currentTimeMillis()))
                        .sendPartialResultOnExpiry(true)
                        .expireGroupsUponCompletion(true)
                        .expireGroupsUponTimeout(true))
                // handed to the sync thread as a task, not through an executor channel: a batch still queued there
                // when its flow is removed (a folder switch during a burst of writes) reaches the engine, which
                // drops a late batch of another folder, instead of a channel without subscribers and an ERROR
                .handle(List.class, (events, headers) -> {
                    List<FolderEvent> batch = (List<FolderEvent>) events;
                    syncThread.execute(() -> {
                        try {
                            engine.accept(batch);
                        }
                        catch (RuntimeException e) { // an executor's task would drop it silently
                            log.error("could not handle a batch of " + batch.size() + " watch events; the next rescan "
                                    + "finds what they were about", e);
                        }
                    });
                    return null;
                })
                .get();
    }
}
