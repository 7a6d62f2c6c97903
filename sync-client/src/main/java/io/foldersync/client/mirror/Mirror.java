package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.Applier;
import io.foldersync.apply.NioDisk;
import io.foldersync.apply.Outcome;
import io.foldersync.apply.Recovery;
import io.foldersync.apply.Stager;
import io.foldersync.apply.Step;
import io.foldersync.apply.WorkDir;
import io.foldersync.files.FileRules;
import io.foldersync.files.LocalFile;
import io.foldersync.files.Scan;
import io.foldersync.protocol.ManifestEntry;
import io.foldersync.reconcile.Observed;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;
import io.foldersync.survey.Survey;

/**
 * The local mirror: its folder on disk, which server folder it mirrors, what its bases belong to,
 * and the one lock under which everything that looks at or changes the folder or its state runs
 * (a file written from the server is recorded as the new base before the watcher looks at it, so
 * it is never echoed back).
 *
 * <p>A base describes a file in this local folder, of this server folder, on this server: the state
 * database records the local folder's path and the server's id, and opened against another one it
 * forgets every base (no base: differing content is a conflict, never an overwrite).
 */
final class Mirror {

    private static final Log log = LogFactory.getLog(Mirror.class);

    static final String FOLDER_SETTING = "mirrored-folder";

    static final String SERVER_SETTING = "server-id";

    static final String LOCAL_FOLDER_SETTING = "local-folder";

    /** Set once the first reconcile with this server completed: from then on, no base means local-only. */
    static final String ESTABLISHED_SETTING = "established";

    private final ReentrantLock lock = new ReentrantLock();

    /** The established setting as last read or written; null until read. */
    private volatile Boolean established;

    private final Path root;

    private final WorkDir workDir;

    private final Stager stager;

    private final StateStore store;

    private final FileRules rules;

    private final KeptCopies kept;

    private final LocalFolder presence;

    private final LocalSpace space;

    private volatile String folder;

    /**
     * Set when the next SUMMARY must look at the disk: the watcher saw a tracked file go (deleted or
     * renamed here), the folder was made again, or an upload was refused for now.
     */
    private volatile boolean missingSeen;

    private final AtomicLong localChanges = new AtomicLong();

    private final RefusedEdits refused = new RefusedEdits();

    Mirror(Path root, StateStore store, FileRules rules, KeptCopies kept, LocalSpace space) throws IOException {
        this.root = root;
        this.space = space;
        this.workDir = new WorkDir(root);
        this.stager = new Stager(NioDisk.INSTANCE, workDir);
        this.store = store;
        this.rules = rules;
        this.kept = kept;
        this.presence = new LocalFolder(root);
        String recorded = store.setting(LOCAL_FOLDER_SETTING).orElse(null);
        if (recorded != null && !recorded.equals(root.toString())) {
            int forgotten = store.forgetEverything();
            store.removeSetting(ESTABLISHED_SETTING);
            log.warn("the state database belongs to the local folder " + recorded + ", not " + root + ": its " + forgotten
                    + " bases are forgotten (differing content will be a conflict, never an overwrite)");
        }
        store.setting(LOCAL_FOLDER_SETTING, root.toString());
        this.folder = store.setting(FOLDER_SETTING).orElse(null);
        new Recovery(workDir, NioDisk.INSTANCE, kept, rules.maxFileBytes())
                .recover(path -> folder == null ? null : store.get(folder, path).map(FileState::sha256).orElse(null));
    }

    ReentrantLock lock() {
        return lock;
    }

    /** The edits the server refused for now, waiting to be sent again. */
    RefusedEdits refused() {
        return refused;
    }

    Path root() {
        return root;
    }

    /** Whether the folder's file system is full, and so whether the server may be asked for files (see {@link LocalSpace}). */
    LocalSpace space() {
        return space;
    }

    /** The folder's presence and watch (see {@link LocalFolder}). */
    LocalFolder presence() {
        return presence;
    }

    /**
     * Makes sure the folder is there and watched before anything looks at it (call under the lock);
     * when it was made again or watched afresh, the next SUMMARY looks at the whole disk.
     *
     * @return false when the folder is gone and cannot be made now: nothing is to be done with it
     */
    boolean ready() {
        LocalFolder.State state = presence.check();
        if (state == LocalFolder.State.RENEWED) {
            missingSeen();
        }
        return state != LocalFolder.State.GONE;
    }

    Stager stager() {
        return stager;
    }

    long maxFileBytes() {
        return rules.maxFileBytes();
    }

    String folder() {
        return folder;
    }

    void folder(String name) {
        folder = name;
        store.setting(FOLDER_SETTING, name);
    }

    /** True for a message of the mirrored folder (no {@code folder} field means the session's). */
    boolean owns(String messageFolder) {
        String current = folder;
        return current != null && (messageFolder == null || messageFolder.equals(current));
    }

    /** The server's id from WELCOME: bases recorded with another server are forgotten. */
    void serverIs(String serverId) {
        if (serverId == null) {
            return; // an older server that does not say
        }
        String recorded = store.setting(SERVER_SETTING).orElse(null);
        if (recorded != null && !recorded.equals(serverId)) {
            int forgotten = store.forgetEverything();
            store.removeSetting(ESTABLISHED_SETTING);
            established = null;
            log.warn("this client's bases were recorded with another server (" + recorded + ", now " + serverId
                    + "): its " + forgotten + " bases are forgotten (differing content will be a conflict, never an overwrite)");
        }
        store.setting(SERVER_SETTING, serverId);
    }

    void missingSeen() {
        missingSeen = true;
    }

    /** Whether a tracked file was seen missing (or a refused upload waits) and no look at the disk took it yet. */
    boolean missingSeenPending() {
        return missingSeen;
    }

    /** The watcher reported something in the local folder (see {@link LastReconcile}). */
    void localChangeSeen() {
        localChanges.incrementAndGet();
    }

    /** How many batches of watcher events this folder has had: a change of the number is a change of the folder. */
    long localChanges() {
        return localChanges.get();
    }

    /**
     * An upload to send again (the file changed while sent; or a refused edit's wait is over, see
     * {@link RefusedEdits}): the next SUMMARY looks at the disk, finds the edit still unsent and the
     * reconcile sends it again, also when nothing else changes meanwhile.
     */
    void sendAgainAtNextSummary() {
        missingSeen = true;
    }

    /** Whether a tracked file went missing since the last call. */
    boolean takeMissingSeen() {
        boolean seen = missingSeen;
        missingSeen = false;
        return seen;
    }

    /**
     * Whether no reconcile with this server has completed yet. Asked for every batch of received
     * files, so it is read from the database once and then kept (a profile of a first sync found
     * the settings query on the sync thread in 18 % of its samples).
     */
    boolean newDatabase() {
        Boolean known = established;
        if (known == null) {
            known = store.setting(ESTABLISHED_SETTING).isPresent();
            established = known;
        }
        return !known;
    }

    void established() {
        if (newDatabase()) {
            store.setting(ESTABLISHED_SETTING, "true");
            established = true;
        }
    }

    /** What is at {@code path} now, hashed afresh; null when it cannot be read (its trouble is the caller's to report). */
    Observed observe(String path) throws IOException {
        Scan scan = rules.scan(root, workDir.folder().resolve(path), FileRules.KnownHashes.NONE);
        if (scan.isUnknown(path)) {
            return null;
        }
        return observed(scan, path);
    }

    /**
     * What is at {@code path} now, reusing the base's hash when size and mtime are unchanged (the
     * applier hashes what it replaces in any case); null when it cannot be read.
     */
    Observed observe(String path, FileState base) throws IOException {
        Scan scan = rules.scan(root, root.resolve(path), p -> base == null ? null : base.asLocalFile());
        if (scan.isUnknown(path)) {
            return null;
        }
        return observed(scan, path);
    }

    /** A full look at the folder against the bases of {@code folder} (see {@link Survey}). */
    Survey<Void> survey(String folder) throws IOException {
        return Survey.of(store, folder, rules, root);
    }

    /** A look at {@code subtree} of the folder (a directory or one file) against the bases of {@code folder}. */
    Survey<Void> survey(String folder, String subtree) throws IOException {
        return Survey.of(store, folder, rules, root, subtree);
    }

    /** A full look at the folder against the bases of {@code folder} and the server's manifest, path by path. */
    Survey<ManifestEntry> survey(String folder, Iterator<ManifestEntry> manifest) throws IOException {
        return Survey.with(store, folder, rules, root, manifest, ManifestEntry::path);
    }

    static Observed observed(Scan scan, String path) {
        LocalFile file = scan.files().get(path);
        if (file != null) {
            return Observed.file(file.sha256(), file.mtime());
        }
        return scan.ineligible().containsKey(path) ? Observed.INELIGIBLE : Observed.ABSENT;
    }

    List<Outcome> apply(List<Step> steps, Applier.Recorder recorder) throws IOException {
        return new Applier(workDir, NioDisk.INSTANCE, kept, rules.maxFileBytes()).apply(steps, recorder);
    }

    private static LocalFile asLocal(FileState state) {
        return state == null ? null : state.asLocalFile();
    }
}
