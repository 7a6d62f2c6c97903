package io.foldersync.client.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.foldersync.client.link.ServerLink;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncMessage.FolderInfo;
import io.foldersync.web.ApiException;

/**
 * The server's folder endpoints, forwarded over the sync connection (FOLDER_COMMAND -> FOLDERS):
 * {@code GET /api/folders} lists the server's folders, {@code PUT /api/folders/active} switches
 * the server's active folder (for every client). Not connected: 503; no answer within
 * {@link #ANSWER_TIMEOUT}: 504; an unknown folder: 404, as on the server.
 */
@RestController
@RequestMapping("/api/folders")
class FoldersController {

    /** How long a request waits for the server's answer; a switch includes a rescan of the new folder. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final ServerLink link;

    FoldersController(ServerLink link) {
        this.link = link;
    }

    /** The body of the PUT. */
    record SwitchRequest(String name) {
    }

    @GetMapping
    List<FolderInfo> list() {
        return ask(null);
    }

    @PutMapping("/active")
    List<FolderInfo> switchTo(@RequestBody(required = false) SwitchRequest request) {
        String name = request == null ? null : request.name();
        if (name == null || name.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the body must name the folder: {\"name\":\"notes\"}");
        }
        return ask(name);
    }

    private List<FolderInfo> ask(String name) {
        if (!link.isReady()) {
            throw notConnected();
        }
        SyncMessage.Folders answer;
        try {
            answer = link.folderCommand(name).get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while waiting for the server");
        }
        catch (ExecutionException e) {
            throw notConnected(); // the connection was lost before the answer came
        }
        catch (TimeoutException e) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT,
                    "the server did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        }
        if (answer.error() != null) {
            HttpStatus status = answer.error().startsWith("unknown folder") ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY;
            throw new ApiException(status, answer.error());
        }
        return answer.folders() == null ? List.of() : answer.folders();
    }

    private static ApiException notConnected() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not connected to the server; try again when connected");
    }
}
