package io.foldersync.client.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.foldersync.client.activity.Attention;
import io.foldersync.client.mirror.ClientSync;
import io.foldersync.files.FileRules;
import io.foldersync.state.StateStore;

/**
 * The local-only and not-synchronised files of the mirrored folder, as the engine noted them, each
 * checked again before it is shown: a file that is gone, or synchronised by now, is forgotten.
 * Conflict copies are local-only too, but they are listed with the conflicts.
 */
@Component
class AttentionFiles {

    /** A not-synchronised file up to this size is looked at again (a text check); a larger one keeps its note. */
    static final long RECHECK_BYTES = 4L * 1024 * 1024;

    /** @param reason {@code LOCAL_ONLY} or {@code NOT_SYNCHRONISED} */
    record File(String path, String reason, String detail, String since) {
    }

    private final Attention attention;

    private final ClientSync sync;

    private final StateStore store;

    private final FileRules rules;

    AttentionFiles(Attention attention, ClientSync sync, StateStore store, FileRules rules) {
        this.attention = attention;
        this.sync = sync;
        this.store = store;
        this.rules = rules;
    }

    List<File> list() {
        String folder = sync.folder();
        List<File> files = new ArrayList<>();
        if (folder == null) {
            return files;
        }
        Path root = sync.root();
        for (Attention.Entry entry : attention.of(folder)) {
            if (stillApplies(folder, root, entry)) {
                if (!entry.path().contains(".sync-conflict-")) {
                    files.add(new File(entry.path(), entry.reason().name(), entry.detail(), entry.since().toString()));
                }
            }
            else {
                attention.forget(folder, entry.path());
            }
        }
        return files;
    }

    private boolean stillApplies(String folder, Path root, Attention.Entry entry) {
        Path file = root.resolve(entry.path());
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (entry.reason() == Attention.Reason.LOCAL_ONLY) {
            return store.get(folder, entry.path()).isEmpty();
        }
        try {
            if (Files.size(file) > RECHECK_BYTES) {
                return true;
            }
            return rules.inspect(root, entry.path(), FileRules.KnownHashes.NONE).isEmpty();
        }
        catch (IOException e) {
            return true; // unreadable: still not synchronised
        }
    }
}
