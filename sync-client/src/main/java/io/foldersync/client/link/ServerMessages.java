package io.foldersync.client.link;

import io.foldersync.protocol.Content;
import io.foldersync.protocol.SyncMessage;

/**
 * What the client does with each message of a ready connection, one method per type, plus the
 * session's start and end. The {@link ClientDispatcher} calls these only with messages that passed
 * {@link io.foldersync.protocol.Inbound#check}: every path and hash is valid.
 */
public interface ServerMessages {

    /** The handshake completed: the server mirrors {@code folder}; {@code serverId} may be null (an older server). */
    void connected(String folder, String serverId);

    void disconnected();

    void fileUpdate(SyncMessage.FileUpdate update, Content content);

    void fileDelete(SyncMessage.FileDelete delete);

    void fileMove(SyncMessage.FileMove move);

    void manifest(SyncMessage.Manifest manifest, Content content);

    void summary(SyncMessage.Summary summary);

    void ack(SyncMessage.Ack ack);

    void error(SyncMessage.Error error);

    void folderChanged(SyncMessage.FolderChanged changed);
}
