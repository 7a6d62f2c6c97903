package io.foldersync.client.mirror;

import java.util.List;

import io.foldersync.client.link.Uplink;
import io.foldersync.protocol.SyncMessage;

/** The client's requests to the server: the manifest, and files in chunks that keep headers small. */
final class Requests {

    /** Paths asked for in one FILE_REQUEST, so the header stays far below max-header-bytes. */
    static final int CHUNK = 500;

    private Requests() {
    }

    static void manifest(Uplink uplink, String folder) {
        uplink.send(new SyncMessage.ManifestRequest(folder, uplink.clockOffsetMs()));
    }

    static void files(Uplink uplink, String folder, List<String> paths) {
        for (int i = 0; i < paths.size(); i += CHUNK) {
            uplink.send(new SyncMessage.FileRequest(folder, List.copyOf(paths.subList(i, Math.min(paths.size(), i + CHUNK)))));
        }
    }
}
