package io.foldersync.client.mirror;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.Outcome;
import io.foldersync.apply.Step;
import io.foldersync.files.Troubles;
import io.foldersync.reconcile.LeavingFolder;
import io.foldersync.reconcile.Observed;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;
import io.foldersync.survey.Spot;
import io.foldersync.survey.Survey;

/**
 * A folder switch on the client: the local folder becomes the mirror of the new server folder, and
 * nothing the user wrote is lost ({@link LeavingFolder} decides each file of the old one). Leaving
 * is resumable: it runs again for every folder that still has bases (after a reconnect, or a
 * restart), until all its edits are acknowledged and its bases can be dropped, so a base never
 * outlives the folder it describes.
 */
final class Switching {

    private static final Log log = LogFactory.getLog(Switching.class);

    private final Mirror mirror;

    private final StateStore store;

    private final Uploads uploads;

    private final Troubles troubles;

    private final Attention attention;

    Switching(Mirror mirror, StateStore store, Uploads uploads, Troubles troubles, Attention attention) {
        this.mirror = mirror;
        this.store = store;
        this.uploads = uploads;
        this.troubles = troubles;
        this.attention = attention;
    }

    /** Mirrors {@code newFolder} from now on (call under the lock). */
    void switchTo(String newFolder) throws IOException {
        String old = mirror.folder();
        if (newFolder.equals(old)) {
            return;
        }
        mirror.folder(newFolder);
        attention.reset();
        if (old != null) {
            troubles.clearFolder(old);
            int removed = leave(old);
            log.info("switched from folder " + old + " to " + newFolder + ": removed " + removed + " unchanged files of "
                    + old + "; local edits go to " + old + " first, and local files are kept");
        }
    }

    /** Resumes leaving every folder other than the mirrored one that still has bases (call under the lock). */
    void leaveOthers() throws IOException {
        for (String folder : store.folders()) {
            if (!folder.equals(mirror.folder())) {
                leave(folder);
            }
        }
    }

    /** @return how many unchanged files were removed */
    private int leave(String old) throws IOException {
        List<Step> steps = new ArrayList<>();
        try (Survey<Void> survey = mirror.survey(old)) {
            while (survey.hasNext()) {
                Spot<Void> spot = survey.next();
                FileState base = spot.base();
                if (base == null || spot.local().isUnknown()) {
                    continue; // not of that folder, or unreadable: its base stays until it can be looked at
                }
                String path = spot.path();
                Observed local = spot.local().observed();
                switch (LeavingFolder.decide(base.version(), local, uploads.pending(old, path))) {
                    case REMOVE -> steps.add(new Step.Delete(path, local));
                    case SEND_TO_OLD_FOLDER -> uploads.send(old, path, base.sha256());
                    case KEEP_AS_LOCAL_ONLY -> {
                        store.remove(old, path);
                        attention.warn(old, path + " changed in a way that cannot be sent (binary or too large) before "
                                + "the folder switch: kept here as a local-only file");
                    }
                    case FORGET -> store.remove(old, path);
                }
            }
        }
        int removed = 0;
        for (Outcome outcome : mirror.apply(steps, applied -> store.inOneTransaction(
                () -> applied.forEach(a -> store.remove(old, a.step().path()))))) {
            if (outcome instanceof Outcome.Applied) {
                removed++;
            }
        }
        forgetIfDone(old);
        return removed;
    }

    /** Drops a left folder's bases once none of its edits is waiting for the server. */
    void forgetIfDone(String old) {
        if (!old.equals(mirror.folder()) && !uploads.hasPending(old)) {
            int rest = store.forgetFolder(old);
            if (rest > 0) {
                log.info("forgot the " + rest + " remaining bases of folder " + old + ", which this client left");
            }
        }
    }
}
