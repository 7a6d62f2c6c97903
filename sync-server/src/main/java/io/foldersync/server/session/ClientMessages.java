package io.foldersync.server.session;

import io.foldersync.protocol.Content;
import io.foldersync.protocol.SyncMessage;

/**
 * What the server does with each message a ready client may send, one method per type. The
 * {@link ServerDispatcher} calls these only with messages that passed
 * {@link io.foldersync.protocol.Inbound#check}: every path and hash is valid.
 */
public interface ClientMessages {

    void fileUpdate(ClientSession session, SyncMessage.FileUpdate update, Content content);

    void manifestRequest(ClientSession session, SyncMessage.ManifestRequest request);

    void fileRequest(ClientSession session, SyncMessage.FileRequest request);

    void folderCommand(ClientSession session, SyncMessage.FolderCommand command);

    // ---- beyond syncing (features "commands" and "conflict-versions"): permission-checked requests

    void permissionsRequest(ClientSession session, SyncMessage.PermissionsRequest request);

    void commandRun(ClientSession session, SyncMessage.CommandRun run);

    void conflictsRequest(ClientSession session, SyncMessage.ConflictsRequest request);

    void conflictFetch(ClientSession session, SyncMessage.ConflictFetch fetch);

    void error(ClientSession session, SyncMessage.Error error);
}
