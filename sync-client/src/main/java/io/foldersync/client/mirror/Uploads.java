package io.foldersync.client.mirror;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.foldersync.client.link.Uplink;
import io.foldersync.files.FileSnapshot;
import io.foldersync.link.Outgoing;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;
import io.foldersync.transfer.Base;
import io.foldersync.transfer.Encoder;
import io.foldersync.transfer.Transfers;

/**
 * The client's uploads: queued as intentions (the file is read when its turn to be sent comes), and
 * remembered until the server answers. An upload's {@code baseSha256} is decided when it is sent,
 * by the rule of {@link io.foldersync.reconcile.LocalChange}: the last content sent and not yet
 * answered, else the base. So an editor that saves five times in a second sends five edits that
 * each build on the one before, and the server takes them in order: no conflict with oneself.
 *
 * <p>The pending list and the base read at sending are kept consistent under this object's
 * monitor, which {@link #acknowledged} also takes while it records a new base.
 */
final class Uploads {

    private final Path root;

    private final StateStore store;

    private final Uplink uplink;

    private final SyncMeters meters;

    private final Limits limits;

    private final Events events;

    /** (folder, path) -> contents sent and not yet answered, oldest first. */
    private final Map<String, Deque<String>> pending = new HashMap<>();

    /** folder -> uploads queued and not yet built. */
    private final Map<String, Integer> queued = new HashMap<>();

    /** (folder, path) -> the last large version sent, with its chunk list: the base of the next delta, and of the DB once acknowledged. */
    private final Map<String, Base> lastSent = new HashMap<>();

    /** (folder, path) whose next upload goes whole: the server could not use a delta of it. */
    private final java.util.Set<String> wholeNext = new java.util.HashSet<>();

    private final Transfers transfers;

    Uploads(Path root, StateStore store, Uplink uplink, SyncMeters meters, Limits limits, Events events,
            Transfers transfers) {
        this.transfers = transfers;
        this.root = root;
        this.events = events;
        this.store = store;
        this.uplink = uplink;
        this.meters = meters;
        this.limits = limits;
    }

    /** The last content sent for the path and not yet answered, or null. */
    synchronized String pending(String folder, String path) {
        Deque<String> sent = pending.get(key(folder, path));
        return sent == null ? null : sent.peekLast();
    }

    synchronized boolean hasPending(String folder, String path) {
        return pending.containsKey(key(folder, path));
    }

    /** Whether any upload to {@code folder} is queued or unanswered. */
    synchronized boolean hasPending(String folder) {
        if (queued.getOrDefault(folder, 0) > 0) {
            return true;
        }
        String prefix = folder + "\u0000";
        return pending.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    synchronized int count() {
        return pending.values().stream().mapToInt(Deque::size).sum();
    }

    /**
     * Queues an upload of the file as it will be when sent.
     *
     * @param planBase the base to send when nothing is pending and no base is recorded by then
     *        (null: no base, a conflict for the server to judge)
     */
    void send(String folder, String path, String planBase) {
        Path file = SyncPath.resolve(root, path);
        synchronized (this) {
            queued.merge(folder, 1, Integer::sum);
        }
        boolean queuedOk = uplink.send(new Outgoing() {
            @Override
            public Frame build() throws java.io.IOException {
                try {
                    return frame(folder, path, file, planBase);
                }
                finally {
                    dequeued(folder);
                }
            }
        });
        if (!queuedOk) {
            dequeued(folder); // not connected: the reconcile after connecting finds the edit
        }
    }

    private Frame frame(String folder, String path, Path file, String planBase) throws java.io.IOException {
        FileSnapshot snapshot = FileSnapshot.read(file, limits.maxContentBytes(), limits.inMemoryContentBytes());
        if (snapshot == null) {
            return null; // gone, or no longer text: nothing to send
        }
        String sendBase;
        Base deltaBase;
        synchronized (this) {
            String last = pending(folder, path);
            sendBase = last != null ? last
                    : store.get(folder, path).map(FileState::sha256).orElse(planBase);
            if (snapshot.sha256().equals(sendBase)) {
                return null; // the server has (or will have) exactly this
            }
            pending.computeIfAbsent(key(folder, path), k -> new ArrayDeque<>()).addLast(snapshot.sha256());
            // the server applies uploads in order: when this one arrives it holds sendBase
            deltaBase = wholeNext.remove(key(folder, path)) ? null : base(folder, path, sendBase);
        }
        SyncMessage.FileUpdate plain = new SyncMessage.FileUpdate(UUID.randomUUID().toString(), folder, path,
                snapshot.mtime() + uplink.clockOffsetMs(), snapshot.sha256(), sendBase);
        Encoder.Encoded encoded = transfers.encoder().encode(plain, snapshot, deltaBase,
                transfers.peer(uplink.features(), uplink.remoteHost()), true);
        if (encoded.chunks() != null) {
            synchronized (this) {
                lastSent.put(key(folder, path), new Base(snapshot.sha256(), encoded.chunks()));
            }
        }
        meters.transferred("out", snapshot.size());
        meters.onWire("out", encoded.frame().content().length());
        events.sent(folder, path, snapshot.size());
        return encoded.frame();
    }

    /** The version {@code sha256} of the path with its chunk list, if this side knows one. */
    private Base base(String folder, String path, String sha256) {
        if (sha256 == null) {
            return null;
        }
        Base sent = lastSent.get(key(folder, path));
        if (sent != null && sent.sha256().equals(sha256)) {
            return sent;
        }
        return Base.of(sha256, store.chunks(folder, path, sha256).orElse(null));
    }

    /** The chunk list of a version this side sent, for recording it with the base once the server took it; or null. */
    synchronized io.foldersync.delta.ChunkList sentChunks(String folder, String path, String sha256) {
        Base sent = lastSent.get(key(folder, path));
        return sent != null && sent.sha256().equals(sha256) ? sent.chunks() : null;
    }

    /** The server could not use the delta of the path: its upload goes again, whole. */
    void sendWhole(String folder, String path) {
        synchronized (this) {
            wholeNext.add(key(folder, path));
        }
        send(folder, path, store.get(folder, path).map(FileState::sha256).orElse(null));
    }

    private synchronized void dequeued(String folder) {
        queued.computeIfPresent(folder, (f, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * The server took {@code sha256}: {@code record} stores it as the base, then it (and anything
     * sent before it) stops being pending, in one step for {@link #frame}.
     */
    synchronized void acknowledged(String folder, String path, String sha256, Runnable record) {
        record.run();
        Deque<String> sent = pending.get(key(folder, path));
        if (sent != null) {
            if (sent.contains(sha256)) {
                while (!sent.isEmpty() && !sent.pollFirst().equals(sha256)) {
                    // answers come in order: earlier ones were answered by their own messages
                }
            }
            if (sent.isEmpty()) {
                pending.remove(key(folder, path));
            }
        }
    }

    /** The server refused the oldest pending upload of the path. */
    synchronized void refused(String folder, String path) {
        Deque<String> sent = pending.get(key(folder, path));
        if (sent != null) {
            sent.pollFirst();
            if (sent.isEmpty()) {
                pending.remove(key(folder, path));
            }
        }
    }

    /** The connection is gone: nothing will be answered; the reconcile after reconnecting finds every edit again. */
    synchronized void clear() {
        pending.clear();
        queued.clear();
    }

    private static String key(String folder, String path) {
        return folder + "\u0000" + path;
    }
}
