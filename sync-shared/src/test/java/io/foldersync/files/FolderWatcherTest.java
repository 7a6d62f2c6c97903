package io.foldersync.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.Message;

class FolderWatcherTest {

    @TempDir
    Path folder;

    /**
     * Regression: the watch thread used to loop on {@code isRunning()}, which the endpoint sets only
     * after {@code doStart()} returns; a thread that got the CPU first ended at once and the folder
     * went unwatched. Calling {@code doStart()} alone is that moment, held still.
     */
    @Test
    void watchesEvenWhenItsThreadRunsBeforeTheEndpointCountsAsRunning() throws IOException {
        QueueChannel events = new QueueChannel();
        FolderWatcher watcher = new FolderWatcher(folder);
        watcher.setOutputChannel(events);
        watcher.doStart();
        try {
            assertThat(watcher.isRunning()).isFalse();
            Files.writeString(folder.resolve("new.txt"), "hello\n");
            Message<?> event = events.receive(5_000);
            assertThat(event).isNotNull();
            assertThat(((FolderEvent) event.getPayload()).path()).isEqualTo("new.txt");
        }
        finally {
            watcher.doStop();
        }
    }
}
