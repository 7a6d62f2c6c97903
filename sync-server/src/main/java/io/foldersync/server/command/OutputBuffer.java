package io.foldersync.server.command;

import java.io.ByteArrayOutputStream;

/**
 * A run's output between the reader (which appends as the process writes) and the run's thread
 * (which takes what is pending every {@link CommandRunner#FLUSH_MS} ms and sends it). It keeps at
 * most {@code limit} bytes in all; beyond that the output is counted and dropped, and the reader
 * keeps draining, so a chatty process never blocks on a full pipe.
 */
final class OutputBuffer {

    private final long limit;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private long kept;

    private long produced;

    OutputBuffer(long limit) {
        this.limit = limit;
    }

    synchronized void append(byte[] bytes, int length) {
        produced += length;
        int take = (int) Math.max(0, Math.min(length, limit - kept));
        if (take > 0) {
            pending.write(bytes, 0, take);
            kept += take;
        }
    }

    /** What arrived since the last call (empty when nothing did). */
    synchronized byte[] take() {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        return bytes;
    }

    /** Bytes kept (and sent): at most the limit. */
    synchronized long kept() {
        return kept;
    }

    /** Bytes the process wrote in all. */
    synchronized long produced() {
        return produced;
    }

    synchronized boolean truncated() {
        return produced > kept;
    }
}
