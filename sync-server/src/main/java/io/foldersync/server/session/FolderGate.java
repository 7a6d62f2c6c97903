package io.foldersync.server.session;

import java.util.function.Consumer;

/**
 * The active folder as a handshake needs it: read and held fixed while the session becomes ready,
 * so a folder switch happens entirely before or entirely after (the folder package implements it).
 */
public interface FolderGate {

    void withActive(Consumer<String> task);
}
