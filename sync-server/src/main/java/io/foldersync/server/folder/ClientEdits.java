package io.foldersync.server.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.Applier;
import io.foldersync.apply.Keeper;
import io.foldersync.apply.NioDisk;
import io.foldersync.apply.Outcome;
import io.foldersync.apply.Staged;
import io.foldersync.apply.Stager;
import io.foldersync.apply.Step;
import io.foldersync.apply.WorkDir;
import io.foldersync.delta.ContentInspector;
import io.foldersync.files.FileRules;
import io.foldersync.files.LocalFile;
import io.foldersync.files.Troubles;
import io.foldersync.link.SyncLog;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;
import io.foldersync.reconcile.Observed;
import io.foldersync.reconcile.ServerAction;
import io.foldersync.reconcile.SyncRules;
import io.foldersync.reconcile.Version;
import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;
import io.foldersync.server.session.Refusals;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;
import io.foldersync.transfer.Base;
import io.foldersync.transfer.Decoder;

/**
 * A client's edit arriving at the server. The content is staged and checked before the lock is
 * taken; under the lock the server's file is judged ({@link SyncRules#judge}) and the verdict
 * applied through the {@link Applier}: the server's current file is taken out of the way and
 * verified to be the version that was judged before the client's is linked in, so an edit made on
 * the server meanwhile is judged again, never overwritten.
 */
public class ClientEdits {

    private static final Log log = LogFactory.getLog(ClientEdits.class);

    /** How often a verdict is taken again when the server's file changes under it. */
    static final int ATTEMPTS = 3;

    private final ActiveFolder active;

    private final Folders folders;

    private final FolderCheck check;

    private final StateStore store;

    private final FileRules rules;

    private final ClientSessions sessions;

    private final ConflictKeeper conflicts;

    private final SyncMeters meters;

    private final Limits limits;

    private final Troubles troubles;

    private final Refusals refusals;

    private final SyncStatus status;

    private final Clock clock;

    private final Updates updates;

    private final Decoder decoder;

    public ClientEdits(ActiveFolder active, Folders folders, FolderCheck check, StateStore store, FileRules rules,
            ClientSessions sessions, ConflictKeeper conflicts, SyncMeters meters, Limits limits, Troubles troubles,
            Refusals refusals, SyncStatus status, Clock clock, Updates updates, Decoder decoder) {
        this.updates = updates;
        this.decoder = decoder;
        this.active = active;
        this.folders = folders;
        this.check = check;
        this.store = store;
        this.rules = rules;
        this.sessions = sessions;
        this.conflicts = conflicts;
        this.meters = meters;
        this.limits = limits;
        this.troubles = troubles;
        this.refusals = refusals;
        this.status = status;
        this.clock = clock;
    }

    public void onUpdate(ClientSession session, SyncMessage.FileUpdate update, Content content) {
        String folder = update.folder() != null ? update.folder() : session.folder();
        Path root = folders.path(folder);
        if (root == null) {
            refusals.refuse(session, ErrorCode.NOT_ALLOWED, "unknown folder " + folder, update.id(), update.path(), folder);
            return;
        }
        String problem;
        active.lock().lock();
        try {
            problem = check.check(folder, root);
        }
        finally {
            active.lock().unlock();
        }
        if (problem != null) {
            refusals.refuse(session, ErrorCode.INTERNAL, "folder " + folder + " is not available", update.id(),
                    update.path(), folder);
            return;
        }
        meters.onWire("in", content.length());
        Stager stager = new Stager(NioDisk.INSTANCE, new WorkDir(root));
        Stager.Received received;
        try {
            // a delta is applied to the server's file as it is now; the result must hash to sha256
            received = decoder.receive(stager, update, content, SyncPath.resolve(root, update.path()),
                    session.features());
        }
        catch (IOException e) {
            status.space().failed(folder, root, e, fileBytes(update, content)); // the stager removed what it began
            refusals.refuse(session, ErrorCode.INTERNAL, "could not store the content: " + e.getMessage(), update.id(),
                    update.path(), folder);
            return;
        }
        if (received.refusal() != null) {
            refusals.refuse(session, received.refusal(), received.reason(), update.id(), update.path(), folder);
            return;
        }
        Staged staged = received.staged();
        boolean consumed = false;
        Exception failure = null;
        active.lock().lock();
        try {
            consumed = judgeAndApply(session, folder, root, stager, staged, update);
        }
        catch (IOException | RuntimeException e) {
            failure = e;
        }
        finally {
            active.lock().unlock();
            if (!consumed) {
                stager.discard(staged);
            }
        }
        if (failure != null) {
            // told after the discard, so the free space it reads is what a resend of the edit would find
            if (!status.space().failed(folder, root, failure, staged.size())) {
                log.error("could not apply an edit of " + update.path() + " from " + session.name(), failure);
            }
            refusals.refuse(session, ErrorCode.INTERNAL, "could not apply the edit: " + failure.getMessage(),
                    update.id(), update.path(), folder);
        }
    }

    /** The size of the edited file (a delta or compressed content says it; plain content is the file). */
    private static long fileBytes(SyncMessage.FileUpdate update, Content content) {
        return update.size() != null ? update.size() : content.length();
    }

    /** @return whether the staged content was used (linked in, or moved to the conflict store) or discarded */
    private boolean judgeAndApply(ClientSession session, String folder, Path root, Stager stager, Staged staged,
            SyncMessage.FileUpdate update) throws IOException {
        String path = update.path();
        Version incoming = new Version(update.sha256(), update.mtime());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<FileState> known = store.get(folder, path);
            // the file as it is now (a known hash is reused only for an unchanged size and mtime; the
            // applier hashes what it takes out of the way in any case)
            Optional<LocalFile> now = rules.inspect(root, path, p -> known.map(FileState::asLocalFile).orElse(null));
            Version current = now.map(f -> new Version(f.sha256(), f.mtime())).orElse(null);
            ServerAction action = SyncRules.judge(current, incoming, update.baseSha256());
            // what the other clients have: the chunk list goes before the client's version replaces it
            Base before = current == null || staged.size() < ContentInspector.CHUNKED_FROM_BYTES ? null
                    : Base.of(current.sha256(), store.chunks(folder, path, current.sha256()).orElse(null));
            String currentOrigin = known.filter(k -> current != null && k.sha256().equals(current.sha256()))
                    .map(FileState::origin).orElse(ServerChanges.SERVER);
            switch (action) {
                case NOT_ALLOWED -> {
                    refusals.refuse(session, ErrorCode.NOT_ALLOWED, "clients may only edit files that exist on the server",
                            update.id(), path, folder);
                    return false;
                }
                case ALREADY_CURRENT -> {
                    store.put(folder, now.get(), currentOrigin);
                    session.send(new SyncMessage.Ack(update.id(), folder, path, current.sha256(), current.mtime()));
                    return false;
                }
                case SERVER_WINS -> {
                    conflicts.keepMoved(folder, path, staged.file(), update.sha256(), update.mtime(), staged.size(),
                            session.clientId(), currentOrigin);
                    meters.conflict();
                    refusals.refuse(session, ErrorCode.CONFLICT,
                            "the server's version is as new or newer; yours is kept as a conflict", update.id(), path, folder);
                    // the server's version supersedes the client's: it may now replace its copy (keeping one)
                    session.send(updates.of(session, folder, root, path, update.sha256(), null,
                            Base.of(update.sha256(), staged.chunks())));
                    return true;
                }
                case ACCEPT, CLIENT_WINS -> {
                    Outcome outcome = write(session, folder, root, staged, update, current, currentOrigin,
                            action == ServerAction.CLIENT_WINS);
                    if (outcome instanceof Outcome.Applied) {
                        accepted(session, folder, root, staged, update, current, action, before);
                        return true;
                    }
                    if (outcome instanceof Outcome.Failed failed) {
                        // the staged content goes first, so the free space read for a full disk is what a resend finds
                        stager.discard(staged);
                        if (!status.space().failed(folder, root, failed.error(), staged.size())) {
                            troubles.report(folder, path, failed.error().getMessage());
                        }
                        refusals.refuse(session, ErrorCode.INTERNAL, "could not write the file: " + failed.error().getMessage(),
                                update.id(), path, folder);
                        return true; // discarded above
                    }
                    // Changed: the server's file was edited while we judged; judge again against it
                }
            }
        }
        refusals.refuse(session, ErrorCode.INTERNAL, "the file keeps changing on the server; send it again later",
                update.id(), path, folder);
        return false;
    }

    private Outcome write(ClientSession session, String folder, Path root, Staged staged, SyncMessage.FileUpdate update,
            Version current, String currentOrigin, boolean keepCurrent) throws IOException {
        Keeper keeper = (taken, path, content) -> conflicts.keepCopy(folder, path, taken, current.sha256(),
                current.mtime(), Files.size(taken), currentOrigin, session.clientId()).storedAs();
        Applier applier = new Applier(new WorkDir(root), NioDisk.INSTANCE, keeper, limits.maxContentBytes());
        Step step = new Step.Write(update.path(), staged, update.mtime(), Observed.file(current.sha256(), current.mtime()),
                keepCurrent);
        LocalFile written = new LocalFile(update.path(), update.sha256(), update.mtime(), staged.size(), staged.fileKey());
        return applier.apply(List.of(step), applied -> {
            store.put(folder, written, session.clientId());
            store.chunks(folder, update.path(), update.sha256(), staged.chunks());
        }).get(0);
    }

    private void accepted(ClientSession session, String folder, Path root, Staged staged, SyncMessage.FileUpdate update,
            Version current, ServerAction action, Base before) {
        String path = update.path();
        troubles.clear(folder, path);
        status.space().stored(folder);
        if (action == ServerAction.CLIENT_WINS) {
            meters.conflict();
        }
        session.countIn(staged.size());
        meters.transferred("in", staged.size());
        meters.propagated(clock.millis() - update.mtime());
        status.synced();
        SyncLog.local("applied", folder, path, "size=" + staged.size() + " origin=" + session.clientId()
                + (action == ServerAction.CLIENT_WINS ? " (won a conflict)" : ""));
        session.send(new SyncMessage.Ack(update.id(), folder, path, update.sha256(), update.mtime()));
        sessions.broadcast(folder, session, s -> updates.of(s, folder, root, path, current.sha256(), null, before));
    }
}
