package io.foldersync.files;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The head of both sides' sync flows: watch a folder, gather the events of a short window into
 * one batch (one scan for a burst of events, and both halves of a rename in the same batch),
 * and hand the batch to the side's sync engine on its own thread.
 */
public final class WatchFlows {

    /** How long events are gathered before a batch is released: short against the 1 s target. */
    public static final long BATCH_WINDOW_MS = 50;

    /** A batch is released early at this size, so a mass change never waits on a growing list. */
    public static final int MAX_BATCH = 10_000;

    private WatchFlows() {
    }

    @SuppressWarnings("unchecked")
    public static IntegrationFlow watch(FolderWatcher watcher, String correlation, Executor syncThread,
            Consumer<List<FolderEvent>> engine) {
        return IntegrationFlow.from(watcher)
                .aggregate(batch -> batch
                        .correlationStrategy(message -> correlation)
                        .releaseStrategy(group -> group.size() >= MAX_BATCH)
                        // measured from the batch's first event, so a steady stream of events cannot hold it back
                        .groupTimeout(group -> Math.max(1, group.getTimestamp() + BATCH_WINDOW_MS - System.currentTimeMillis()))
                        .sendPartialResultOnExpiry(true)
                        .expireGroupsUponCompletion(true)
                        .expireGroupsUponTimeout(true))
                .channel(channel -> channel.executor(syncThread))
                .handle(List.class, (events, headers) -> {
                    engine.accept((List<FolderEvent>) events);
                    return null;
                })
                .get();
    }
}
