package io.foldersync.server.folder;

import java.nio.file.Path;

import io.foldersync.link.Outgoing;
import io.foldersync.protocol.ContentSpool;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.ManifestEntry;
import io.foldersync.protocol.Manifests;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.Refusals;
import io.foldersync.state.StateStore;

/** What clients ask for: a folder's manifest and summary (from the state database), and files. */
public class FileServing {

    private final Folders folders;

    private final StateStore store;

    private final Limits limits;

    private final Refusals refusals;

    private final java.nio.file.Path spool;

    private final Updates updates;

    public FileServing(Folders folders, StateStore store, Limits limits, Refusals refusals, java.nio.file.Path spool,
            Updates updates) {
        this.updates = updates;
        this.spool = spool;
        this.folders = folders;
        this.store = store;
        this.limits = limits;
        this.refusals = refusals;
    }

    /**
     * The manifest of a folder, from the state database (kept current by the watcher and rescans),
     * written row by row: held in memory up to the in-memory limit, spooled beyond it, so a folder of
     * any size costs no list of its entries.
     */
    public Frame manifest(String folder) throws java.io.IOException {
        ContentSpool content = new ContentSpool(limits.inMemoryContentBytes(), spool);
        Manifests.Digest digest = new Manifests.Digest();
        long[] count = new long[1];
        try {
            java.io.IOException[] failed = new java.io.IOException[1];
            store.forEach(folder, s -> {
                try {
                    Manifests.write(content, new ManifestEntry(s.path(), s.sha256(), s.mtime(), s.size()));
                    digest.add(s.path(), s.sha256());
                    count[0]++;
                }
                catch (java.io.IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            content.close();
            return new Frame(new SyncMessage.Manifest(folder, digest.hex(), (int) count[0]), content.toContent());
        }
        catch (java.io.IOException | RuntimeException e) {
            content.discard();
            throw e;
        }
    }

    /** The folder's digest and count, from totals the state store keeps while nothing changes: cheap when idle. */
    public SyncMessage.Summary summary(String folder) {
        StateStore.Totals totals = store.totals(folder);
        return new SyncMessage.Summary(folder, totals.digest(), (int) totals.count());
    }

    /** A client asks for files it lacks: each is sent as it is when its turn comes. */
    public void onFileRequest(ClientSession session, SyncMessage.FileRequest request) {
        String folder = request.folder() != null ? request.folder() : session.folder();
        Path root = folders.path(folder);
        if (root == null) {
            refusals.refuse(session, ErrorCode.NOT_ALLOWED, "unknown folder " + folder, null, null, folder);
            return;
        }
        var tracked = store.getAll(folder, request.paths());
        for (String path : request.paths()) {
            if (tracked.containsKey(path)) {
                // waits while the client's queue is full: this client's requests are served at its pace
                session.send(updates.whole(session, folder, root, path, null, tracked.get(path).asLocalFile()));
            }
        }
    }

}
