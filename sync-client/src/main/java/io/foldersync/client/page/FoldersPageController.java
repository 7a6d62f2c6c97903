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
import io.foldersync.client.web.ServerFolders;
import io.foldersync.protocol.SyncMessage.FolderInfo;
import io.foldersync.web.ApiException;

/**
 * The server's folders for the page: {@code GET /ui/api/folders} (with whether this client may
 * switch), {@code POST /ui/api/folders/active} with {@code {"name":"notes"}} to switch: the same
 * forwarding and grant as the client's {@code PUT /api/folders/active}.
 */
@RestController
@RequestMapping("/ui/api/folders")
class FoldersPageController {

    private final ServerFolders folders;

    private final ServerRequests requests;

    FoldersPageController(ServerFolders folders, ServerRequests requests) {
        this.folders = folders;
        this.requests = requests;
    }

    record SwitchRequest(String name) {
    }

    /**
     * @param maySwitch whether the server grants this client the switch; null when it cannot say
     *        (an older server): then a switch is tried and the server decides
     */
    record Folders(List<FolderInfo> folders, Boolean maySwitch) {
    }

    @GetMapping
    ResponseEntity<?> list() {
        try {
            return ResponseEntity.ok(new Folders(folders.ask(null), maySwitch()));
        }
        catch (ApiException e) {
            return PageErrors.of(e);
        }
    }

    @PostMapping("/active")
    ResponseEntity<?> switchTo(@RequestBody(required = false) SwitchRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            return PageErrors.of(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "the body must name the folder: {\"name\":\"notes\"}");
        }
        try {
            return ResponseEntity.ok(new Folders(folders.ask(request.name()), true));
        }
        catch (ApiException e) {
            return PageErrors.of(e);
        }
    }

    private Boolean maySwitch() {
        try {
            return requests.grants().switchFolder();
        }
        catch (RequestRefused e) {
            return null;
        }
    }
}
