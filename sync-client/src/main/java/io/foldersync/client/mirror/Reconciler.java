package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.Outcome;
import io.foldersync.apply.Step;
import io.foldersync.client.link.Uplink;
import io.foldersync.files.LocalFile;
import io.foldersync.files.Troubles;
import io.foldersync.link.SyncLog;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.ManifestEntry;
import io.foldersync.protocol.ReceivedManifest;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;
import io.foldersync.reconcile.ClientAction;
import io.foldersync.reconcile.Observed;
import io.foldersync.reconcile.SummaryCheck;
import io.foldersync.reconcile.SyncRules;
import io.foldersync.reconcile.Version;
import io.foldersync.state.StateStore;
import io.foldersync.survey.Filtered;
import io.foldersync.survey.Local;
import io.foldersync.survey.Spot;
import io.foldersync.survey.Survey;

/**
 * The client's reconcile with the server's manifest (after every connect, and when a SUMMARY
 * disagrees): gather base, local file and the server's entry of every path, decide each with
 * {@link SyncRules#reconcile}, then carry the plan out: downloads requested as they are found (in
 * chunks, see {@link Downloads}), deletes and copies kept aside through the applier in one batch,
 * edits sent.
 */
final class Reconciler {

    private static final Log log = LogFactory.getLog(Reconciler.class);

    private final Mirror mirror;

    private final StateStore store;

    private final Uploads uploads;

    private final Uplink uplink;

    private final SyncMeters meters;

    private final Troubles troubles;

    private final Attention attention;

    private final Events events;

    private final String clientId;

    private final Runnable synced;

    private final Requested requested;

    /**
     * How often the local folder is scanned in full when nothing else asks for it
     * ({@code foldersync.full-scan-interval}): the watcher does the rest, and a tracked file seen
     * missing asks for it at once (the server's full rescan has the same period, for the same
     * reason: an idle pair over 50,000 files under 1 % of a core).
     */
    private volatile Duration diskCheckEvery = Duration.ofMinutes(30);

    /** What the last reconcile started from: a SUMMARY finding the same difference waits (see {@link LastReconcile}). */
    private final LastReconcile last = new LastReconcile();

    /** False once a manifest from this server was found not in path order (another implementation). */
    private boolean serverSortsManifests = true;

    /** When the last full look at the disk was made (System.nanoTime), or long ago. */
    private long lastDiskCheck = System.nanoTime() - Duration.ofDays(1).toNanos();

    Reconciler(Mirror mirror, StateStore store, Uploads uploads, Uplink uplink, SyncMeters meters, Troubles troubles,
            Attention attention, Events events, String clientId, Runnable synced, Requested requested) {
        this.requested = requested;
        this.mirror = mirror;
        this.store = store;
        this.uploads = uploads;
        this.uplink = uplink;
        this.meters = meters;
        this.troubles = troubles;
        this.attention = attention;
        this.events = events;
        this.clientId = clientId;
        this.synced = synced;
    }

    /** The periodic SUMMARY: ask for the manifest when the server, the disk or the state disagree. */
    void summary(SyncMessage.Summary summary) throws IOException {
        mirror.lock().lock();
        try {
            if (!mirror.owns(summary.folder()) || !mirror.ready()) {
                return;
            }
            String folder = mirror.folder();
            mirror.refused().serverSpace(folder, summary.shortOfSpace());
            if (mirror.refused().due(folder, System.nanoTime())) {
                mirror.sendAgainAtNextSummary(); // this one: the reconcile it asks for sends them again
            }
            String ours = store.totals(folder).digest();
            boolean serverAgrees = ours.equals(summary.digest());
            // before diskAgrees, which takes a pending "seen missing": that is a change since the last reconcile
            SummaryCheck.SinceLastReconcile since = mirror.missingSeenPending() ? SummaryCheck.SinceLastReconcile.CHANGED
                    : last.since(folder, summary.digest(), ours, mirror.localChanges(), System.nanoTime());
            boolean diskAgrees = serverAgrees && diskAgrees(folder);
            switch (SummaryCheck.decide(serverAgrees, diskAgrees, mirror.newDatabase(), since)) {
                case IN_SYNC -> mirror.space().synced(folder);
                case WAIT -> log.debug("folder " + folder + " differs from the server as the last reconcile found it; "
                        + "asking again when something changes or after " + last.currentWait().toSeconds() + " s");
                case REQUEST_MANIFEST -> {
                    if (mirror.space().mayAskForFiles(folder)) {
                        // not while the local disk is full: the server would resend all that is missing, only for it to
                        // fail again (LocalSpace, FullDisk)
                        Requests.manifest(uplink, folder);
                    }
                }
            }
        }
        finally {
            mirror.lock().unlock();
        }
    }

    void diskCheckEvery(Duration every) {
        this.diskCheckEvery = every;
    }

    /**
     * Whether every tracked file is on disk with its base content. The watcher reports local changes
     * as they happen; this full look is the safety net under it, so it runs at most every
     * {@link #diskCheckEvery} (a scan of a large folder costs a stat per file).
     */
    private boolean diskAgrees(String folder) throws IOException {
        long now = System.nanoTime();
        if (!mirror.takeMissingSeen() && now - lastDiskCheck < diskCheckEvery.toNanos()) {
            return true;
        }
        lastDiskCheck = now;
        try (Survey<Void> survey = mirror.survey(folder)) {
            while (survey.hasNext()) {
                Spot<Void> spot = survey.next();
                Local local = spot.local();
                // an ineligible or unreadable tracked file is reported and left alone: it agrees
                if (spot.base() != null && !local.isUnknown() && local.ineligible() == null
                        && (local.file() == null || !local.file().sha256().equals(spot.base().sha256()))) {
                    return false;
                }
            }
        }
        return true;
    }

    void manifest(SyncMessage.Manifest manifest, ReceivedManifest received) throws IOException {
        mirror.lock().lock();
        try {
            if (!mirror.owns(manifest.folder()) || !mirror.ready()) {
                return; // a folder that is gone: the first SUMMARY after it is back asks again
            }
            if (serverSortsManifests) {
                try (ReceivedManifest.Entries entries = received.entries()) {
                    reconcile(mirror.folder(), manifest.digest(), entries);
                    return;
                }
                catch (ReceivedManifest.NotInOrder e) {
                    // what was decided before it is sound (a reconcile may stop anywhere, as when a
                    // connection drops); the whole manifest is decided again, sorted, from here on
                    serverSortsManifests = false;
                    log.warn(e.getMessage() + "; reading this server's manifests sorted in memory from now on");
                }
            }
            try (ReceivedManifest.Entries entries = received.sorted()) {
                reconcile(mirror.folder(), manifest.digest(), entries);
            }
        }
        finally {
            mirror.lock().unlock();
        }
    }

    /**
     * One pass over the server's manifest, the bases and the disk, merged path by path (a
     * {@link Survey}): nothing of the folder is held whole in memory, only what is to be done.
     */
    private void reconcile(String folder, String serverDigest, Iterator<ManifestEntry> manifest) throws IOException {
        long start = System.nanoTime();
        // what its decisions rest on, as it starts: a reconcile that changes them (a base it forgets, a file
        // it records) is followed by another, which may decide differently (see LastReconcile)
        long localChanges = mirror.localChanges();
        String ours = store.totals(folder).digest();
        mirror.takeMissingSeen(); // this reconcile is a full look at the disk: it sees what went missing
        Set<String> unknown = new HashSet<>();
        long[] onServer = new long[1];
        Iterator<ManifestEntry> writable = Filtered.of(manifest, entry -> {
            String problem = SyncPath.problem(entry.path());
            if (problem != null) {
                // a name this client cannot write as it is (not in its JVM's file-name encoding): never under another
                unknown.add(entry.path());
                attention.trouble(folder, entry.path(), "cannot be synchronised here: " + problem);
                return false;
            }
            onServer[0]++;
            return true;
        });
        boolean newDatabase = mirror.newDatabase();
        Map<ClientAction, Integer> counts = new EnumMap<>(ClientAction.class);
        Downloads downloads = new Downloads(uplink, requested, folder);
        List<Step> steps = new ArrayList<>();
        try (Survey<ManifestEntry> survey = mirror.survey(folder, writable)) {
            while (survey.hasNext()) {
                Spot<ManifestEntry> spot = survey.next();
                String path = spot.path();
                if (spot.local().isUnknown()) {
                    if (spot.base() != null || spot.remote() != null) {
                        unknown.add(path);
                        attention.trouble(folder, path, spot.local().unknown());
                    }
                    continue;
                }
                ManifestEntry entry = spot.remote();
                String blocked = entry != null && spot.local().file() == null && spot.local().ineligible() == null
                        ? DirectoryInTheWay.reason(mirror.root(), store, folder, path) : null;
                if (blocked != null) {
                    // nothing this side could write there: asking for the file every interval would only have the
                    // server send it again and again (the path stays listed, and is looked at again each reconcile)
                    unknown.add(path);
                    attention.trouble(folder, path, blocked);
                    continue;
                }
                Version base = spot.base() == null ? null : spot.base().version();
                Observed local = spot.local().observed();
                Observed server = entry == null ? Observed.ABSENT : Observed.file(entry.sha256(), entry.mtime());
                ClientAction action = SyncRules.reconcile(base, local, server, newDatabase);
                counts.merge(action, 1, Integer::sum);
                switch (action) {
                    case NONE -> { }
                    case RECORD -> {
                        touch(path, entry.mtime());
                        store.put(folder, new LocalFile(path, entry.sha256(), entry.mtime(), entry.size()), "server");
                    }
                    case DOWNLOAD, DOWNLOAD_KEEP_LOCAL_COPY -> downloads.add(path);
                    case KEEP_ASIDE_THEN_DOWNLOAD -> steps.add(new Step.KeepAside(path, local));
                    case UPLOAD, UPLOAD_CONFLICT -> uploads.send(folder, path, base == null ? null : base.sha256());
                    case DELETE_LOCAL -> steps.add(new Step.Delete(path, local));
                    case KEEP_AS_LOCAL_ONLY -> {
                        store.remove(folder, path);
                        events.localOnly(folder, path, "deleted on the server while it held local edits: kept here");
                        attention.warn(folder, path + " was deleted on the server but holds local edits: kept here as a "
                                + "local-only file");
                    }
                    case FORGET -> store.remove(folder, path);
                    case LOCAL_ONLY -> attention.localOnly(folder, path, "exists only here");
                    case KEEP_INELIGIBLE -> attention.notSendable(folder, path, spot.local().ineligible());
                }
            }
        }
        List<Outcome> outcomes;
        try {
            outcomes = mirror.apply(steps, applied -> store.inOneTransaction(() -> applied.forEach(a -> {
                if (a.step() instanceof Step.Delete) {
                    store.remove(folder, a.step().path());
                }
            })));
        }
        catch (IOException e) {
            if (!mirror.space().failed(folder, e, 0, steps.size() + " delete(s) and kept copies")) {
                throw e;
            }
            outcomes = List.of(); // nothing was done; the next reconcile decides them again
        }
        int deleted = 0;
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Applied applied && outcome.step() instanceof Step.KeepAside) {
                downloads.add(outcome.step().path()); // kept aside: now the server's version can come
                if (applied.keptAs() != null) {
                    events.keptCopy(folder, outcome.step().path(), applied.keptAs(),
                            "a local file without a base where the server has another");
                }
            }
            else if (outcome instanceof Outcome.Applied) {
                deleted++;
                meters.deleted();
                events.deleted(folder, outcome.step().path(), "deleted on the server");
                SyncLog.local("deleted", folder, outcome.step().path(), "(deleted on the server) client=" + clientId);
            }
            else if (outcome instanceof Outcome.Failed failed
                    && !mirror.space().failed(folder, failed.error(), 0, failed.step().path())) {
                attention.trouble(folder, failed.step().path(), failed.error().getMessage());
            }
            // Changed: a local edit landed meanwhile; the next reconcile decides on it
        }
        downloads.finish();
        if (downloads.asked() == 0 && downloads.onTheirWay() == 0) {
            mirror.space().synced(folder); // every file of the server is here: the disk holds the folder
        }
        troubles.retain(folder, unknown);
        mirror.established();
        lastDiskCheck = System.nanoTime(); // this reconcile was a full look at the disk
        last.ended(folder, serverDigest, ours, localChanges, lastDiskCheck);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        meters.reconciled(took);
        synced.run();
        log.info("reconcile of folder " + folder + ": " + onServer[0] + " files on the server, "
                + downloads.asked() + " to fetch (" + downloads.onTheirWay() + " already on their way), " + (count(counts, ClientAction.UPLOAD) + count(counts, ClientAction.UPLOAD_CONFLICT))
                + " to send, " + deleted + " deleted, " + count(counts, ClientAction.KEEP_ASIDE_THEN_DOWNLOAD)
                + " kept aside, " + count(counts, ClientAction.LOCAL_ONLY) + " local-only, " + unknown.size()
                + " unreadable, in " + took.toMillis() + " ms");
    }

    private static int count(Map<ClientAction, Integer> counts, ClientAction action) {
        return counts.getOrDefault(action, 0);
    }

    private void touch(String path, long mtime) throws IOException {
        var file = SyncPath.resolve(mirror.root(), path);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
        }
    }
}
