package io.foldersync.client.page;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.foldersync.client.activity.Activity;
import io.foldersync.client.activity.SyncEvent;

/** The page's view of the mirror: the figures at a glance, recent activity, and the live stream of both. */
@RestController
@RequestMapping("/ui/api")
class StatusController {

    private final PageStatus status;

    private final Activity activity;

    private final PageEvents events;

    StatusController(PageStatus status, Activity activity, PageEvents events) {
        this.status = status;
        this.activity = activity;
        this.events = events;
    }

    @GetMapping("/status")
    PageStatus.Status status() {
        return status.now();
    }

    /** The newest events first, at most {@code limit} (and at most what is kept). */
    @GetMapping("/activity")
    List<SyncEvent> activity(@RequestParam(defaultValue = "" + Activity.CAPACITY) int limit) {
        return activity.recent(Math.max(0, Math.min(limit, Activity.CAPACITY)));
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        return events.subscribe();
    }
}
