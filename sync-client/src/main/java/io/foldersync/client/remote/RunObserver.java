package io.foldersync.client.remote;

import io.foldersync.protocol.SyncMessage;

/** What a command run asked of the server reports, on the connection's reader thread. */
public interface RunObserver {

    void started(SyncMessage.CommandStarted started);

    void output(byte[] chunk);

    void done(SyncMessage.CommandDone done);

    /** Refused by the server ({@code NOT_ALLOWED}, {@code BUSY}...) before it started. */
    void refused(String code, String message);

    /** The connection was lost: the end of the run will not be heard (it goes on on the server). */
    void lost();
}
