package io.foldersync.client.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.foldersync.protocol.SyncMessage.FolderInfo;
import io.foldersync.web.ApiException;

/**
 * The server's folder endpoints, forwarded over the sync connection ({@link ServerFolders}):
 * {@code GET /api/folders} lists the server's folders, {@code PUT /api/folders/active} switches
 * the server's active folder (for every client) where the server grants this client the switch
 * ({@code 403} otherwise). Not connected: 503; no answer: 504; an unknown folder: 404, as on the server.
 */
@RestController
@RequestMapping("/api/folders")
class FoldersController {

    private final ServerFolders folders;

    FoldersController(ServerFolders folders) {
        this.folders = folders;
    }

    /** The body of the PUT. */
    record SwitchRequest(String name) {
    }

    @GetMapping
    List<FolderInfo> list() {
        return folders.ask(null);
    }

    @PutMapping("/active")
    List<FolderInfo> switchTo(@RequestBody(required = false) SwitchRequest request) {
        String name = request == null ? null : request.name();
        if (name == null || name.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the body must name the folder: {\"name\":\"notes\"}");
        }
        return folders.ask(name);
    }
}
