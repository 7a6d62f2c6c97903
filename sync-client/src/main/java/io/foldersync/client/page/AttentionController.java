package io.foldersync.client.page;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Files needing attention: {@code GET /ui/api/attention} (conflict versions, local-only and
 * not-synchronised files), {@code GET /ui/api/conflicts/diff?source=local&key=...} (a kept version
 * beside the current file), and the two actions, {@code POST /ui/api/conflicts/keep-current} and
 * {@code POST /ui/api/conflicts/restore} with {@code {"source":"server","key":"12"}}.
 */
@RestController
@RequestMapping("/ui/api")
class AttentionController {

    private final KeptVersions versions;

    private final AttentionFiles files;

    AttentionController(KeptVersions versions, AttentionFiles files) {
        this.versions = versions;
        this.files = files;
    }

    record Attention(List<KeptVersions.Version> conflicts, String serverNote, List<AttentionFiles.File> files) {
    }

    record Choice(String source, String key) {
    }

    @GetMapping("/attention")
    Attention attention() {
        KeptVersions.Listing listing = versions.list();
        return new Attention(listing.versions(), listing.serverNote(), files.list());
    }

    @GetMapping("/conflicts/diff")
    KeptVersions.Comparison diff(@RequestParam String source, @RequestParam String key) {
        return versions.compare(source, key);
    }

    @PostMapping("/conflicts/keep-current")
    Attention keepCurrent(@RequestBody Choice choice) {
        versions.keepCurrent(choice.source(), choice.key());
        return attention();
    }

    @PostMapping("/conflicts/restore")
    Attention restore(@RequestBody Choice choice) {
        versions.restore(choice.source(), choice.key());
        return attention();
    }
}
