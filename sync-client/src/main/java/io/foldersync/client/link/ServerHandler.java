package io.foldersync.client.link;

import io.foldersync.protocol.Frame;

/** What the connection hands the mirror: the session's start and end, and every file-level frame. */
public interface ServerHandler {

    void connected(String folder);

    void disconnected();

    void onFrame(Frame frame);
}
