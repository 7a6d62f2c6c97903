package io.foldersync.client.mirror;

import java.util.ArrayList;
import java.util.List;

import io.foldersync.client.link.Uplink;

/**
 * The files one reconcile wants from the server, asked for a chunk at a time as the look finds them,
 * not after it: in a first sync the server starts sending while the client is still comparing the
 * rest of the manifest, and the list held stays one chunk long however large the folder is. A file
 * already on its way ({@link Requested}) is not asked for twice.
 */
final class Downloads {

    private final Uplink uplink;

    private final Requested requested;

    private final String folder;

    private final List<String> pending = new ArrayList<>();

    private int asked;

    private int onTheirWay;

    Downloads(Uplink uplink, Requested requested, String folder) {
        this.uplink = uplink;
        this.requested = requested;
        this.folder = folder;
    }

    void add(String path) {
        pending.add(path);
        if (pending.size() >= Requests.CHUNK) {
            send();
        }
    }

    /** Asks for what is left; the reconcile is over. */
    void finish() {
        send();
    }

    int asked() {
        return asked;
    }

    int onTheirWay() {
        return onTheirWay;
    }

    private void send() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> asking = requested.notAsked(folder, pending);
        onTheirWay += pending.size() - asking.size();
        asked += asking.size();
        Requests.files(uplink, folder, asking);
        pending.clear();
    }
}
