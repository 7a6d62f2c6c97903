package io.foldersync.server.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.conflict.ConflictRecord;
import io.foldersync.web.ApiException;

/**
 * The versions that lost a conflict: {@code GET /api/conflicts} lists them newest first,
 * {@code GET /api/conflicts/{id}} returns one's content as {@code text/plain; charset=UTF-8}
 * (synchronised files are UTF-8 text), to restore by writing it back into the folder.
 */
@RestController
@RequestMapping("/api/conflicts")
class ConflictsController {

    private final ConflictKeeper keeper;

    ConflictsController(ConflictKeeper keeper) {
        this.keeper = keeper;
    }

    @GetMapping
    List<ConflictView> list() {
        return keeper.list().stream().map(ConflictView::of).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<Resource> content(@PathVariable long id) {
        ConflictRecord record = keeper.get(id)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown conflict: " + id));
        Path file = keeper.file(record);
        if (!Files.isRegularFile(file)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "the content of conflict " + id + " is gone");
        }
        String name = record.path().substring(record.path().lastIndexOf('/') + 1);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name,
                        StandardCharsets.UTF_8).build().toString())
                // streamed from the file (never loaded whole into memory); Range requests work too
                .body(new FileSystemResource(file));
    }
}
