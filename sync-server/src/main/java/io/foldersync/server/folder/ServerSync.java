package io.foldersync.server.folder;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.link.Outgoing;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.request.ClientRequests;
import io.foldersync.server.session.ClientMessages;
import io.foldersync.server.session.ClientSession;
import io.foldersync.state.StateStore;

/**
 * The server's engine, as the protocol sees it: one method per client message, each handed to the
 * piece that owns it ({@link ClientEdits}, {@link FileServing}, {@link ActiveFolder}). Server-side
 * changes flow the other way, from the watch flow through {@link ServerChanges} to the sessions.
 */
public class ServerSync implements ClientMessages {

    private static final Log log = LogFactory.getLog(ServerSync.class);

    private final ActiveFolder active;

    private final Folders folders;

    private final ClientEdits edits;

    private final FileServing serving;

    private final SyncStatus status;

    private final StateStore store;

    private final ClientRequests requests;

    public ServerSync(ActiveFolder active, Folders folders, ClientEdits edits, FileServing serving, SyncStatus status,
            StateStore store, ClientRequests requests) {
        this.active = active;
        this.folders = folders;
        this.edits = edits;
        this.serving = serving;
        this.status = status;
        this.store = store;
        this.requests = requests;
    }

    public Instant lastSyncAt() {
        return status.lastSyncAt();
    }

    /**
     * Why the active folder is not being synchronised, or null when all is well: the engine's finding,
     * else a look at the folder now (the engine notices a vanished folder only at its next rescan, and
     * health must never be behind), else changes it could not process, else a full disk that refused a
     * client's edit.
     */
    public String problem() {
        String problem = status.problem();
        if (problem == null) {
            problem = Folders.problem(folders.activePath());
        }
        if (problem == null) {
            problem = status.unprocessed().problem();
        }
        return problem != null ? problem : status.space().problem(folders.active());
    }

    public long trackedFiles() {
        return store.count(active.name());
    }

    /** The periodic SUMMARY, saying whether the folder's disk is still too full for the clients' edits (FolderSpace). */
    public SyncMessage.Summary summary(String folder) {
        return serving.summary(folder).withSpaceShort(status.space().problem(folder) != null);
    }

    @Override
    public void fileUpdate(ClientSession session, SyncMessage.FileUpdate update, Content content) {
        edits.onUpdate(session, update, content);
    }

    @Override
    public void manifestRequest(ClientSession session, SyncMessage.ManifestRequest request) {
        if (request.clockOffsetMs() != null) {
            session.clockOffset(request.clockOffsetMs());
        }
        String folder = request.folder() != null && folders.exists(request.folder()) ? request.folder() : session.folder();
        Frame manifest;
        try {
            manifest = serving.manifest(folder);
        }
        catch (java.io.IOException e) {
            log.error("could not build the manifest of folder " + folder + " for " + session.name(), e);
            return; // the client asks again at its next SUMMARY
        }
        session.send(Outgoing.of(manifest));
        log.info("reconcile with client " + session.name() + ": sent the manifest of folder " + folder + " ("
                + ((SyncMessage.Manifest) manifest.message()).files() + " files)");
    }

    @Override
    public void fileRequest(ClientSession session, SyncMessage.FileRequest request) {
        serving.onFileRequest(session, request);
    }

    @Override
    public void folderCommand(ClientSession session, SyncMessage.FolderCommand command) {
        if (command.name() == null) {
            session.send(new SyncMessage.Folders(command.id(), folders.list(), null));
            return;
        }
        if (!folders.exists(command.name())) {
            session.send(new SyncMessage.Folders(command.id(), folders.list(), "unknown folder: " + command.name()));
            return;
        }
        if (!requests.allowsSwitch(session, command, folders.list())) {
            return; // not granted to this client: refused with NOT_ALLOWED, counted, logged
        }
        try {
            active.switchTo(command.name());
        }
        catch (FolderUnavailableException e) {
            // the reason names the server's path, which is not the client's business (the server's log has it)
            session.send(new SyncMessage.Folders(command.id(), folders.list(), FolderUnavailableException.PREFIX
                    + command.name() + " cannot be synchronised on the server now (missing, unreadable or unmounted)"));
            return;
        }
        session.send(new SyncMessage.Folders(command.id(), folders.list(), null));
    }

    @Override
    public void permissionsRequest(ClientSession session, SyncMessage.PermissionsRequest request) {
        requests.onMessage(session, Frame.of(request));
    }

    @Override
    public void commandRun(ClientSession session, SyncMessage.CommandRun run) {
        requests.onMessage(session, Frame.of(run));
    }

    @Override
    public void conflictsRequest(ClientSession session, SyncMessage.ConflictsRequest request) {
        requests.onMessage(session, Frame.of(request));
    }

    @Override
    public void conflictFetch(ClientSession session, SyncMessage.ConflictFetch fetch) {
        requests.onMessage(session, Frame.of(fetch));
    }

    @Override
    public void error(ClientSession session, SyncMessage.Error error) {
        log.warn("client " + session.name() + " reported " + error.code() + ": " + error.message()
                + (error.path() != null ? " (" + error.path() + ")" : ""));
    }
}
