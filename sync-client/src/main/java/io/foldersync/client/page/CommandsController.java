package io.foldersync.client.page;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.foldersync.client.remote.RequestRefused;
import io.foldersync.client.remote.ServerRequests;
import io.foldersync.protocol.SyncMessage;

/**
 * What this client may ask the server (its grants), and the commands: {@code GET /ui/api/commands}
 * lists the ones this client may run with the last run; {@code POST /ui/api/commands/run} with
 * {@code {"name":"build"}} asks for a run; its output follows as {@code command} events.
 */
@RestController
@RequestMapping("/ui/api")
class CommandsController {

    private final ServerRequests requests;

    private final CommandRuns runs;

    CommandsController(ServerRequests requests, CommandRuns runs) {
        this.requests = requests;
        this.runs = runs;
    }

    record RunRequest(String name) {
    }

    /**
     * @param available false when the server cannot be asked (then {@code reason} says why)
     */
    record Commands(boolean available, String reason, List<SyncMessage.CommandInfo> commands, CommandRuns.View last) {
    }

    @GetMapping("/commands")
    Commands commands() {
        try {
            return new Commands(true, null, requests.grants().commands(), runs.last());
        }
        catch (RequestRefused e) {
            return new Commands(false, e.getMessage(), List.of(), runs.last());
        }
    }

    @PostMapping("/commands/run")
    ResponseEntity<?> run(@RequestBody(required = false) RunRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            return PageErrors.of(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "the body must name the command: {\"name\":\"build\"}");
        }
        try {
            return ResponseEntity.accepted().body(runs.start(request.name()));
        }
        catch (RequestRefused e) {
            return PageErrors.refused(e);
        }
    }
}
