package io.foldersync.client.mirror;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.client.link.Uplink;
import io.foldersync.files.FolderEvent;
import io.foldersync.reconcile.LocalChange;
import io.foldersync.reconcile.Observed;
import io.foldersync.state.FileState;
import io.foldersync.survey.Spot;
import io.foldersync.survey.Survey;

/**
 * A batch of watcher events in the local folder: each affected path is decided by
 * {@link LocalChange} (edits of files the server has go out, the rest is reported), touching only
 * the state rows of the affected subtrees.
 */
final class LocalEvents {

    private static final Log log = LogFactory.getLog(LocalEvents.class);

    /** Missing files named one by one in the log; more are counted in one line. */
    private static final int MISSING_LISTED = 3;

    private final Mirror mirror;

    private final Uploads uploads;

    private final Uplink uplink;

    private final Attention attention;

    LocalEvents(Mirror mirror, Uploads uploads, Uplink uplink, Attention attention) {
        this.mirror = mirror;
        this.uploads = uploads;
        this.uplink = uplink;
        this.attention = attention;
    }

    void onEvents(List<FolderEvent> events) {
        mirror.lock().lock();
        try {
            mirror.localChangeSeen(); // the next SUMMARY asks for the manifest even if the last reconcile left a difference
            if (!mirror.ready()) {
                return; // the folder itself is gone (the watcher's last word on it): see LocalFolder
            }
            String folder = mirror.folder();
            boolean connected = folder != null && uplink.isReady();
            if (!connected) {
                return; // LocalChange says WAIT for every path: the reconcile after connecting finds the changes
            }
            // each affected subtree (the whole folder when events were lost), path by path against its bases
            List<String> affected = FolderEvent.needsFullScan(events) ? List.of("") : List.copyOf(FolderEvent.topmost(events));
            List<String> missing = new ArrayList<>();
            for (String subtree : affected) {
                try (Survey<Void> survey = mirror.survey(folder, subtree)) {
                    while (survey.hasNext()) {
                        Spot<Void> spot = survey.next();
                        if (spot.local().isUnknown()) {
                            if (spot.base() != null) {
                                attention.trouble(folder, spot.path(), spot.local().unknown());
                            }
                            continue;
                        }
                        decide(folder, spot.path(), spot.base(), spot.local().observed(), spot.local().ineligible(), missing);
                    }
                }
            }
            reportMissing(missing);
        }
        catch (IOException | RuntimeException e) {
            log.warn("could not process local changes; the next reconcile retries: " + e.getMessage(), e);
        }
        finally {
            mirror.lock().unlock();
        }
    }

    private void decide(String folder, String path, FileState base, Observed local, String ineligible,
            List<String> missing) {
        LocalChange.Decision decision = LocalChange.decide(true, base == null ? null : base.version(),
                uploads.pending(folder, path), local);
        switch (decision.action()) {
            case UPLOAD -> uploads.send(folder, path, decision.sendBase());
            case LOCAL_ONLY -> attention.localOnly(folder, path, "was created here");
            case NOT_SENDABLE -> attention.notSendable(folder, path, ineligible);
            case MISSING -> {
                mirror.missingSeen();
                missing.add(path);
            }
            case NOTHING, WAIT -> { }
        }
    }

    /**
     * One line per missing file, or one for the batch when there are many: a local folder deleted whole
     * (it is made again and refilled) used to log a line for each of its thousands of files.
     */
    private static void reportMissing(List<String> missing) {
        if (missing.size() <= MISSING_LISTED) {
            missing.forEach(path -> log.info(path + " was deleted or moved here; clients cannot delete on the server, "
                    + "so it is restored at the next reconcile"));
            return;
        }
        log.info(missing.size() + " files were deleted or moved here (" + String.join(", ", missing.subList(0, MISSING_LISTED))
                + ", ...); clients cannot delete on the server, so they are restored at the next reconcile");
    }
}
