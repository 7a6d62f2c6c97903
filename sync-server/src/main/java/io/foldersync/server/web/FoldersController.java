package io.foldersync.server.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.foldersync.protocol.SyncMessage.FolderInfo;
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.folder.FolderUnavailableException;
import io.foldersync.server.folder.Folders;
import io.foldersync.web.ApiException;

/**
 * {@code GET /api/folders} lists the predefined folders by name (never their paths);
 * {@code PUT /api/folders/active} with {@code {"name":"notes"}} switches the active folder for the
 * server and every connected client, and answers with the list as it is after the switch; a
 * folder that cannot be synchronised now (missing, unmounted) is refused with 409.
 */
@RestController
@RequestMapping("/api/folders")
class FoldersController {

    private final Folders folders;

    private final ActiveFolder switcher;

    FoldersController(Folders folders, ActiveFolder switcher) {
        this.folders = folders;
        this.switcher = switcher;
    }

    /** The body of the PUT. */
    record SwitchRequest(String name) {
    }

    @GetMapping
    List<FolderInfo> list() {
        return folders.list();
    }

    @PutMapping("/active")
    List<FolderInfo> switchTo(@RequestBody(required = false) SwitchRequest request) {
        String name = request == null ? null : request.name();
        if (name == null || name.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the body must name the folder: {\"name\":\"notes\"}");
        }
        if (!folders.exists(name)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "unknown folder: " + name);
        }
        try {
            switcher.switchTo(name);
        }
        catch (FolderUnavailableException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
        }
        return folders.list();
    }
}
