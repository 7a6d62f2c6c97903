package io.foldersync.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** The mapping between wire {@code type} names and message records, in one place. */
public final class MessageTypes {

    private static final Map<String, Class<? extends SyncMessage>> BY_NAME = new LinkedHashMap<>();

    private static final Map<Class<?>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        register("HELLO", SyncMessage.Hello.class);
        register("CHALLENGE", SyncMessage.Challenge.class);
        register("AUTH", SyncMessage.Auth.class);
        register("WELCOME", SyncMessage.Welcome.class);
        register("FILE_UPDATE", SyncMessage.FileUpdate.class);
        register("FILE_DELETE", SyncMessage.FileDelete.class);
        register("FILE_MOVE", SyncMessage.FileMove.class);
        register("PING", SyncMessage.Ping.class);
        register("ERROR", SyncMessage.Error.class);
        register("MANIFEST_REQUEST", SyncMessage.ManifestRequest.class);
        register("MANIFEST", SyncMessage.Manifest.class);
        register("SUMMARY", SyncMessage.Summary.class);
        register("FILE_REQUEST", SyncMessage.FileRequest.class);
        register("ACK", SyncMessage.Ack.class);
        register("FOLDER_CHANGED", SyncMessage.FolderChanged.class);
        register("FOLDER_COMMAND", SyncMessage.FolderCommand.class);
        register("FOLDERS", SyncMessage.Folders.class);
        register("PERMISSIONS_REQUEST", SyncMessage.PermissionsRequest.class);
        register("PERMISSIONS", SyncMessage.Permissions.class);
        register("COMMAND_RUN", SyncMessage.CommandRun.class);
        register("COMMAND_STARTED", SyncMessage.CommandStarted.class);
        register("COMMAND_OUTPUT", SyncMessage.CommandOutput.class);
        register("COMMAND_DONE", SyncMessage.CommandDone.class);
        register("CONFLICTS_REQUEST", SyncMessage.ConflictsRequest.class);
        register("CONFLICTS", SyncMessage.Conflicts.class);
        register("CONFLICT_FETCH", SyncMessage.ConflictFetch.class);
        register("CONFLICT_CONTENT", SyncMessage.ConflictContent.class);
    }

    private MessageTypes() {
    }

    private static void register(String name, Class<? extends SyncMessage> type) {
        BY_NAME.put(name, type);
        BY_CLASS.put(type, name);
    }

    public static Class<? extends SyncMessage> classOf(String type) {
        return BY_NAME.get(type);
    }

    static String typeOf(SyncMessage message) {
        String name = BY_CLASS.get(message.getClass());
        if (name == null) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " is never sent");
        }
        return name;
    }
}
