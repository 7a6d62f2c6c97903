package io.foldersync.client.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.foldersync.client.activity.Activity;
import io.foldersync.client.activity.Attention;

/** The live status a page is sent, with the real sender thread. */
class PageEventsTest {

    final AtomicReference<String> status = new AtomicReference<>("idle");

    final PageEvents events = new PageEvents(status::get, new Activity(Clock.systemUTC(), new Attention()));

    @AfterEach
    void stop() {
        events.stop();
    }

    @Test
    void aPageThatSubscribesWhileTheStatusFlickersEndsWithTheCurrentOne() {
        events.start();
        Recorder first = new Recorder();
        events.subscribe(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> "idle".equals(first.lastStatus()));

        // a PING queued for a moment: the second page subscribes while it is, and it is gone at once
        status.set("1 queued");
        Recorder second = new Recorder();
        events.subscribe(second);
        status.set("idle");

        // the sender last sent "idle", and the status is "idle": the second page must still end on it
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(second.lastStatus()).isEqualTo("idle"));
        assertThat(first.lastStatus()).isEqualTo("idle");
    }

    @Test
    void aNewPageGetsTheStatusEvenWhenItHasNotChanged() {
        events.start();
        Recorder first = new Recorder();
        events.subscribe(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> "idle".equals(first.lastStatus()));

        Recorder second = new Recorder();
        events.subscribe(second);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(second.statuses()).containsExactly("idle"));
    }

    /** An emitter that keeps what it is sent instead of writing it to a response. */
    static final class Recorder extends SseEmitter {

        private final List<Object> statuses = new CopyOnWriteArrayList<>();

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            StringBuilder event = new StringBuilder();
            for (DataWithMediaType part : builder.build()) {
                event.append(part.getData());
            }
            String text = event.toString();
            String marker = "event:status\ndata:";
            if (text.contains(marker)) {
                statuses.add(text.substring(text.indexOf(marker) + marker.length()).strip());
            }
        }

        List<Object> statuses() {
            return statuses;
        }

        Object lastStatus() {
            return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
        }
    }
}
