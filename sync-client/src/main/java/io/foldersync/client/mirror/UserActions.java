package io.foldersync.client.mirror;

import java.io.IOException;
import java.util.List;

import io.foldersync.apply.Outcome;
import io.foldersync.apply.Step;
import io.foldersync.protocol.Content;
import io.foldersync.reconcile.Observed;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;

/**
 * What a person asks of the mirror through the page: write a kept version over a file (an ordinary
 * local edit, which the watcher then sends under the normal rules) and delete a conflict copy. Both
 * go through the applier like every other change, so an edit the user is saving at that moment in
 * an editor is never overwritten: an unsent local edit is kept as a conflict copy first, and a file
 * that changed since the page looked is left alone.
 */
final class UserActions {

    /** Why a user action did not happen. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final Mirror mirror;

    private final StateStore store;

    UserActions(Mirror mirror, StateStore store) {
        this.mirror = mirror;
        this.store = store;
    }

    /** Writes {@code content} at {@code path} with modification time {@code mtime}, as a local edit. */
    void write(String path, Content content, long mtime) throws IOException {
        var staged = mirror.stager().stage(content);
        if (!staged.text() || staged.size() > mirror.maxFileBytes()) {
            mirror.stager().discard(staged);
            throw new Refused("not a text file up to max-file-bytes: it could not be synchronised");
        }
        mirror.lock().lock();
        try {
            String folder = mirror.folder();
            FileState base = folder == null ? null : store.get(folder, path).orElse(null);
            Observed local = mirror.observe(path);
            if (local == null) {
                throw new Refused("the current file cannot be read");
            }
            // the current content is safe to replace only when the server has it (it is the base)
            boolean keep = !local.isAbsent() && !(base != null && local.has(base.sha256()));
            Outcome outcome = mirror.apply(List.of(new Step.Write(path, staged, mtime, local, keep)), applied -> { })
                    .get(0);
            if (!(outcome instanceof Outcome.Applied)) {
                mirror.stager().discard(staged);
                throw new Refused(outcome instanceof Outcome.Failed failed ? failed.error().getMessage()
                        : "the file changed while it was being restored; try again");
            }
        }
        finally {
            mirror.lock().unlock();
        }
    }

    /** Deletes a local-only file (a conflict copy), only if it still holds what the page showed. */
    void delete(String path) throws IOException {
        mirror.lock().lock();
        try {
            Observed local = mirror.observe(path);
            if (local == null) {
                throw new Refused("the file cannot be read");
            }
            if (mirror.folder() != null && store.get(mirror.folder(), path).isPresent()) {
                throw new Refused(path + " is a synchronised file, not a kept copy");
            }
            Outcome outcome = mirror.apply(List.of(new Step.Delete(path, local)), applied -> { }).get(0);
            if (outcome instanceof Outcome.Failed failed) {
                throw new Refused(failed.error().getMessage());
            }
        }
        finally {
            mirror.lock().unlock();
        }
    }
}
