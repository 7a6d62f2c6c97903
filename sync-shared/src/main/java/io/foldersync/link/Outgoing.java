package io.foldersync.link;

import java.io.IOException;

import io.foldersync.protocol.Frame;

/**
 * A frame to send, built only when its turn comes: a queued file update reads the file as it
 * is then, so a queue holds intentions, not file contents. Returns null when there is nothing
 * to send any more (the file went away; its delete follows in the queue).
 */
@FunctionalInterface
public interface Outgoing {

    Frame build() throws IOException;

    static Outgoing of(Frame frame) {
        return () -> frame;
    }
}
