package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.apply.Outcome;
import io.foldersync.apply.Step;
import io.foldersync.files.LocalFile;
import io.foldersync.link.SyncLog;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;
import io.foldersync.reconcile.DeliveredLeftover;
import io.foldersync.reconcile.Observed;
import io.foldersync.reconcile.RefusedUpload;
import io.foldersync.reconcile.UploadAnswer;
import io.foldersync.state.StateStore;

/**
 * The server's answers to the client's uploads: an ACK makes the content the new base
 * ({@link UploadAnswer}); for a folder the client has left, it also lets the delivered copy leave
 * the mirror ({@link DeliveredLeftover}); an ERROR about an upload is decided by its code.
 */
final class Answers {

    private static final Log log = LogFactory.getLog(Answers.class);

    private final Mirror mirror;

    private final StateStore store;

    private final Uploads uploads;

    private final Switching switching;

    private final Attention attention;

    private final Events events;

    private final String clientId;

    private final Runnable synced;

    Answers(Mirror mirror, StateStore store, Uploads uploads, Switching switching, Attention attention, Events events,
            String clientId, Runnable synced) {
        this.mirror = mirror;
        this.store = store;
        this.uploads = uploads;
        this.switching = switching;
        this.attention = attention;
        this.events = events;
        this.clientId = clientId;
        this.synced = synced;
    }

    void ack(SyncMessage.Ack ack) throws IOException {
        if (ack.path() == null || ack.sha256() == null) {
            return;
        }
        mirror.lock().lock();
        try {
            String current = mirror.folder();
            String folder = ack.folder() != null ? ack.folder() : current;
            if (folder == null) {
                return;
            }
            String path = ack.path();
            mirror.refused().accepted(folder, ack.path());
            if (folder.equals(current)) {
                // the server has this content now: it is the base, whatever the disk holds meanwhile
                LocalFile base = baseFor(path, ack.sha256(), ack.mtime());
                io.foldersync.delta.ChunkList chunks = uploads.sentChunks(folder, path, ack.sha256());
                uploads.acknowledged(folder, path, ack.sha256(), () -> {
                    store.put(folder, base, "local");
                    store.chunks(folder, path, ack.sha256(), chunks);
                });
                synced.run();
                return;
            }
            uploads.acknowledged(folder, path, ack.sha256(), () -> store.remove(folder, path));
            leftover(folder, path, ack.sha256());
            switching.forgetIfDone(folder);
        }
        finally {
            mirror.lock().unlock();
        }
    }

    /** An edit of a folder the client left reached that folder on the server: the local copy has done its job. */
    private void leftover(String old, String path, String acknowledged) throws IOException {
        Observed local = mirror.observe(path);
        if (local == null) {
            return;
        }
        boolean current = store.get(mirror.folder(), path).isPresent();
        if (DeliveredLeftover.decide(acknowledged, local, uploads.hasPending(old, path), current)
                == DeliveredLeftover.Action.REMOVE) {
            Outcome outcome = mirror.apply(List.of(new Step.Delete(path, local)), applied -> { }).get(0);
            if (outcome instanceof Outcome.Applied) {
                events.deleted(mirror.folder(), path, "its edit reached folder " + old + " on the server");
                SyncLog.local("removed", mirror.folder(), path, "(its edit reached folder " + old + " on the server) client="
                        + clientId);
            }
        }
    }

    void error(SyncMessage.Error error) {
        String path = error.path();
        if (path == null || SyncPath.problem(path) != null) {
            log.warn("the server refused a message: " + error.code() + " " + error.message());
            return;
        }
        mirror.lock().lock();
        try {
            String current = mirror.folder();
            String folder = error.folder() != null ? error.folder() : current;
            if (folder == null) {
                return;
            }
            uploads.refused(folder, path);
            if (io.foldersync.protocol.ErrorCode.CONFLICT.name().equals(error.code())) {
                events.conflict(folder, path, error.message());
            }
            else {
                events.refused(folder, path, io.foldersync.client.activity.SyncEvent.Direction.OUT, error.code(),
                        error.message());
            }
            switch (UploadAnswer.decide(error.code())) {
                case FORGET_BASE_KEEP_LOCAL -> {
                    store.remove(folder, path);
                    attention.warn(folder, path + " does not exist on the server (" + error.message()
                            + "); the local file stays here, not synchronised");
                }
                case AWAIT_SERVER_VERSION -> log.warn("conflict on " + path + ": " + error.message()
                        + "; the server's version follows and this version is kept as a copy");
                case KEEP_LOCAL_NOT_SENDABLE -> attention.notSendable(folder, path, error.message());
                case SEND_WHOLE -> {
                    if (folder.equals(current)) {
                        uploads.sendWhole(folder, path);
                    }
                }
                case SEND_AGAIN_LATER -> {
                    log.warn("the server refused " + path + ": " + error.code() + " " + error.message()
                            + "; it is sent again at the next reconcile");
                    mirror.sendAgainAtNextSummary();
                }
                case RETRY_AT_RECONCILE -> {
                    Duration wait = RefusedUpload.waitAfter(mirror.refused().refused(folder, path, System.nanoTime()));
                    log.warn("the server refused " + path + ": " + error.code() + " " + error.message()
                            + "; it is sent again " + (wait.isZero() ? "at the next reconcile"
                                    : "in " + wait.toSeconds() + " s (or when it is edited again, or once the server"
                                            + " says its disk has room again)"));
                }
                case RECORD_AS_BASE -> { }
            }
            if (!folder.equals(current)) {
                switching.forgetIfDone(folder);
            }
        }
        finally {
            mirror.lock().unlock();
        }
    }

    /** The base to record for acknowledged content: the local file's size and mtime when it still holds it. */
    private LocalFile baseFor(String path, String sha256, Long ackMtime) throws IOException {
        BasicFileAttributes before = attributes(path);
        Observed local = mirror.observe(path);
        BasicFileAttributes after = attributes(path);
        // size and mtime go with the hash only if the file did not change while it was hashed: a later
        // scan trusts them to skip hashing it again
        if (local != null && local.has(sha256) && before != null && after != null && before.size() == after.size()
                && before.lastModifiedTime().equals(after.lastModifiedTime())) {
            return new LocalFile(path, sha256, after.lastModifiedTime().toMillis(), after.size());
        }
        return new LocalFile(path, sha256, ackMtime != null ? ackMtime : 0, -1);
    }

    private BasicFileAttributes attributes(String path) {
        try {
            return Files.readAttributes(SyncPath.resolve(mirror.root(), path), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        }
        catch (IOException e) {
            return null;
        }
    }
}
