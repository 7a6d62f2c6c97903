package io.foldersync.server.folder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.foldersync.link.Outgoing;
import io.foldersync.protocol.Content;
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

    public FileServing(Folders folders, StateStore store, Limits limits, Refusals refusals) {
        this.folders = folders;
        this.store = store;
        this.limits = limits;
        this.refusals = refusals;
    }

    /** The manifest of a folder, from the state database (kept current by the watcher and rescans). */
    public Frame manifest(String folder) {
        List<ManifestEntry> entries = entries(folder);
        return new Frame(new SyncMessage.Manifest(folder, Manifests.digest(entries), entries.size()),
                Content.of(Manifests.encode(entries)));
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
        for (String path : request.paths()) {
            if (store.get(folder, path).isPresent()) {
                Outgoing update = Updates.of(folder, root, path, null, limits);
                session.send(update);
            }
        }
    }

    private List<ManifestEntry> entries(String folder) {
        List<ManifestEntry> entries = new ArrayList<>();
        store.files(folder).values()
                .forEach(s -> entries.add(new ManifestEntry(s.path(), s.sha256(), s.mtime(), s.size())));
        return entries;
    }
}
