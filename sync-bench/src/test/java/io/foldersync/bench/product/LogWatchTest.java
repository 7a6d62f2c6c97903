package io.foldersync.bench.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.bench.support.Deadline;

class LogWatchTest {

    private static final String HANDSHAKE = "2026-12-01T01:03:22.173Z  INFO 8834 --- [foldersync-client] [pool-2-thread-1]"
            + " io.foldersync.client.link.ServerLink     : connected to the server at 127.0.0.1:17070 as vm-8b58177b";

    @TempDir
    Path dir;

    @Test
    void aLinesTimeIsTheOneItWasLoggedWith() {
        LogWatch.Line line = LogWatch.line(HANDSHAKE);
        assertThat(line.stamped()).isTrue();
        assertThat(line.at()).isEqualTo(Instant.parse("2026-12-01T01:03:22.173Z"));
        assertThat(LogWatch.line("2026-12-01T02:03:22.173+01:00 INFO x").at())
                .isEqualTo(Instant.parse("2026-12-01T01:03:22.173Z"));
    }

    @Test
    void aLineWithoutTimestampTakesTheTimeItWasRead() {
        Instant before = Instant.now();
        LogWatch.Line line = LogWatch.line("\tat java.base/java.lang.Thread.run(Thread.java:840)");
        assertThat(line.stamped()).isFalse();
        assertThat(line.at()).isAfterOrEqualTo(before);
    }

    @Test
    void waitsForALineWrittenLater() throws Exception {
        Path file = dir.resolve("client.log");
        Files.writeString(file, "2026-12-01T01:03:14.781Z  INFO starting\n");
        LogWatch watch = new LogWatch(file);
        CompletableFuture<Optional<LogWatch.Line>> found = CompletableFuture.supplyAsync(() -> {
            try {
                return watch.await(Pattern.compile("connected to the server"), Deadline.in(Duration.ofSeconds(20)), () -> true);
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Files.writeString(file, HANDSHAKE.substring(0, 40), StandardOpenOption.APPEND); // half a line first
        Files.writeString(file, HANDSHAKE.substring(40) + "\n", StandardOpenOption.APPEND);
        assertThat(found.get(20, TimeUnit.SECONDS)).map(LogWatch.Line::text).contains(HANDSHAKE);
    }

    @Test
    void givesUpAtOnceWhenTheProcessIsGone() throws IOException {
        Path file = dir.resolve("server.log");
        Files.writeString(file, "2026-12-01T01:03:14.781Z ERROR APPLICATION FAILED TO START\n", StandardCharsets.UTF_8);
        LogWatch watch = new LogWatch(file);
        assertThat(watch.await(Pattern.compile("sync port listening"), Deadline.in(Duration.ofMinutes(5)), () -> false)).isEmpty();
        assertThat(watch.count(Pattern.compile("FAILED"))).isEqualTo(1);
        assertThat(watch.tail(5)).hasSize(1);
    }
}
