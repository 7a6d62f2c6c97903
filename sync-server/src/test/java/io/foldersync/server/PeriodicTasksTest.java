package io.foldersync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A periodic task that fails, even with an Error, is logged and runs again: rescans and heartbeats never stop for good. */
class PeriodicTasksTest {

    @Test
    void aTaskThatThrowsAnErrorOrAnExceptionRunsAgainAtTheNextPeriod() {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger runs = new AtomicInteger();
        try {
            var future = thread.scheduleWithFixedDelay(PeriodicTasks.guarded(() -> {
                switch (runs.incrementAndGet()) {
                    case 1 -> throw new StackOverflowError("deep");
                    case 2 -> throw new OutOfMemoryError("simulated");
                    case 3 -> throw new IllegalStateException("plain failure");
                    default -> { }
                }
            }), 0, 10, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 5);
            assertThat(future.isDone()).isFalse();
        }
        finally {
            thread.shutdownNow();
        }
    }
}
