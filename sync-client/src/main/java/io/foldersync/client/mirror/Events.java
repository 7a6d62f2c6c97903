package io.foldersync.client.mirror;

import io.foldersync.client.activity.SyncEvent;
import io.foldersync.client.activity.SyncEvents;

/**
 * The engine's one {@link SyncEvents}: every piece reports to it, and it passes each event on to
 * whatever listens (the web page's activity), set once the page is wired; nothing before.
 */
final class Events implements SyncEvents {

    private volatile SyncEvents target = SyncEvents.NONE;

    void to(SyncEvents listener) {
        this.target = listener;
    }

    @Override
    public void received(String folder, String path, long size) {
        target.received(folder, path, size);
    }

    @Override
    public void sent(String folder, String path, long size) {
        target.sent(folder, path, size);
    }

    @Override
    public void moved(String folder, String from, String to) {
        target.moved(folder, from, to);
    }

    @Override
    public void deleted(String folder, String path, String why) {
        target.deleted(folder, path, why);
    }

    @Override
    public void keptCopy(String folder, String path, String copy, String why) {
        target.keptCopy(folder, path, copy, why);
    }

    @Override
    public void conflict(String folder, String path, String message) {
        target.conflict(folder, path, message);
    }

    @Override
    public void refused(String folder, String path, SyncEvent.Direction direction, String code, String message) {
        target.refused(folder, path, direction, code, message);
    }

    @Override
    public void localOnly(String folder, String path, String reason) {
        target.localOnly(folder, path, reason);
    }

    @Override
    public void notSynchronised(String folder, String path, String reason) {
        target.notSynchronised(folder, path, reason);
    }
}
