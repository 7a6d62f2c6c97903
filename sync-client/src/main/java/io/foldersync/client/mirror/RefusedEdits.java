package io.foldersync.client.mirror;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import io.foldersync.reconcile.RefusedUpload;

/**
 * The edits the server refused for now (its folder unavailable, its disk full), and when the next
 * reconcile is to send them again ({@link RefusedUpload}). A SUMMARY alone would not: the server's
 * digest still matches the bases, and the disk is looked at only after a change. Kept per path, so
 * one file refused over and over does not hold back another's first retry. In memory: a restart
 * looks at the whole disk anyway.
 */
final class RefusedEdits {

    /**
     * How long an edit that was sent again may go without an answer before it is forgotten (it was
     * not sent at all: reverted, deleted, or equal to the base again), so a stale entry does not make
     * a reconcile at every wait.
     */
    static final Duration UNANSWERED = Duration.ofMinutes(5);

    private record Key(String folder, String path) {
    }

    private static final class Entry {
        int inARow;
        long refusedAt;
        long sentAgainAt = -1;
        /** The server's SUMMARY said its folder was short of space after this refusal. */
        boolean shortSeen;
        /** ... and a later one no longer did: the edit goes again at once. */
        boolean spaceFreed;
    }

    private final Map<Key, Entry> entries = new HashMap<>();

    /** @return how many times in a row this edit was refused, this time included */
    synchronized int refused(String folder, String path, long nanoTime) {
        Entry entry = entries.computeIfAbsent(new Key(folder, path), key -> new Entry());
        entry.inARow++;
        entry.refusedAt = nanoTime;
        entry.sentAgainAt = -1;
        entry.shortSeen = false;
        entry.spaceFreed = false;
        return entry.inARow;
    }

    /**
     * What the server's SUMMARY says of {@code folder}'s space. Only a change seen after a refusal counts:
     * short, then no longer short. An edit refused while the SUMMARY never said short keeps its timed wait
     * (a server that does not send the field, a folder that failed for another reason).
     */
    synchronized void serverSpace(String folder, boolean shortOfSpace) {
        for (Map.Entry<Key, Entry> next : entries.entrySet()) {
            if (!next.getKey().folder().equals(folder) || next.getValue().sentAgainAt >= 0) {
                continue;
            }
            Entry entry = next.getValue();
            if (shortOfSpace) {
                entry.shortSeen = true;
            }
            else if (entry.shortSeen) {
                entry.spaceFreed = true;
            }
        }
    }

    /** The server took the path's content. */
    synchronized void accepted(String folder, String path) {
        entries.remove(new Key(folder, path));
    }

    /** Whether the next reconcile of {@code folder} must send refused edits again now; entries of other folders go. */
    synchronized boolean due(String folder, long nanoTime) {
        boolean due = false;
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Entry> next = it.next();
            Entry entry = next.getValue();
            if (!next.getKey().folder().equals(folder)
                    || entry.sentAgainAt >= 0 && nanoTime - entry.sentAgainAt >= UNANSWERED.toNanos()) {
                it.remove();
            }
            else if (entry.sentAgainAt < 0 && RefusedUpload.decide(entry.inARow,
                    Duration.ofNanos(nanoTime - entry.refusedAt), entry.spaceFreed) == RefusedUpload.Action.SEND_AGAIN) {
                entry.sentAgainAt = nanoTime;
                due = true;
            }
        }
        return due;
    }
}
