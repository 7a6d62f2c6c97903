package io.foldersync.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Every message of the protocol, one record per {@code type}. The records hold the header
 * fields only; content travels beside them in a {@link Frame}, and {@code contentLength} is
 * the codec's business. Fields are boxed so a missing field reads as {@code null} and can be
 * refused by {@link #problem()} instead of turning silently into zero.
 *
 * <p>Messages marked "extension" are not in the contract's list; they are documented in
 * {@code src-docs/protocol.md} and only flow between foldersync peers after the handshake.
 */
public sealed interface SyncMessage {

    /** The wire name, the header's {@code type}. */
    default String type() {
        return MessageTypes.typeOf(this);
    }

    /** A description of what is missing or malformed, or {@code null} when the message is usable. */
    default String problem() {
        return null;
    }

    // ---- handshake (contract) ----

    record Hello(Integer protocolVersion, String clientId, String nonce, List<String> features,
            /** extension: the client's clock at sending, for the server's view of its offset */ Long clientTime)
            implements SyncMessage {
        @Override
        public String problem() {
            if (protocolVersion == null) return "protocolVersion is missing";
            if (clientId == null || clientId.isBlank()) return "clientId is missing";
            if (nonce == null || nonce.length() < Limits.MIN_NONCE_LENGTH) return "nonce must have at least 32 characters";
            return null;
        }
    }

    record Challenge(String nonce) implements SyncMessage {
        @Override
        public String problem() {
            return nonce == null || nonce.length() < Limits.MIN_NONCE_LENGTH ? "nonce must have at least 32 characters" : null;
        }
    }

    record Auth(String hmac) implements SyncMessage {
        @Override
        public String problem() {
            return hmac == null ? "hmac is missing" : null;
        }
    }

    record Welcome(String folder, String proof, Long serverTime, List<String> features,
            /** extension: the server's identity, so a client knows its bases describe this server */ String serverId)
            implements SyncMessage {

        public Welcome(String folder, String proof, Long serverTime, List<String> features) {
            this(folder, proof, serverTime, features, null);
        }

        @Override
        public String problem() {
            if (folder == null) return "folder is missing";
            if (proof == null) return "proof is missing";
            return serverTime == null ? "serverTime is missing" : null;
        }
    }

    // ---- files (contract; "folder" is an extension that keeps messages unambiguous across a switch) ----

    /**
     * A file's new content. Extension fields, only with a peer that agreed the feature they need
     * (see {@link Encoding}): {@code encoding} says what the content is (absent: the file itself),
     * {@code size} the file's length once decoded, {@code rawLength} the decompressed length of a
     * zstd content, {@code deltaBase} the version a delta recipe copies from.
     */
    record FileUpdate(String id, String folder, String path, Long mtime, String sha256,
            @JsonInclude(JsonInclude.Include.ALWAYS) String baseSha256, String encoding, Long size, Long rawLength,
            String deltaBase) implements SyncMessage {

        public FileUpdate(String id, String folder, String path, Long mtime, String sha256, String baseSha256) {
            this(id, folder, path, mtime, sha256, baseSha256, null, null, null, null);
        }

        /** The same update, its content encoded as {@code encoding}. */
        public FileUpdate encoded(String encoding, long size, Long rawLength, String deltaBase) {
            return new FileUpdate(id, folder, path, mtime, sha256, baseSha256, encoding, size, rawLength, deltaBase);
        }

        @Override
        public String problem() {
            if (path == null) return "path is missing";
            if (mtime == null) return "mtime is missing";
            if (sha256 == null) return "sha256 is missing";
            if (encoding == null) return null;
            if (!Encoding.known(encoding)) return "encoding " + encoding + " is not known";
            if (size == null || size < 0) return "size is missing";
            if (Encoding.compressed(encoding) && (rawLength == null || rawLength < 0)) return "rawLength is missing";
            if (Encoding.delta(encoding) && deltaBase == null) return "deltaBase is missing";
            return null;
        }
    }

    record FileDelete(String id, String folder, String path, String sha256) implements SyncMessage {
        @Override
        public String problem() {
            return path == null ? "path is missing" : null;
        }
    }

    record FileMove(String id, String folder, String from, String to, String sha256,
            /** extension: the moved file's mtime, so the receiver can check it moved the right thing */ Long mtime)
            implements SyncMessage {
        @Override
        public String problem() {
            if (from == null) return "from is missing";
            return to == null ? "to is missing" : null;
        }
    }

    record Ping() implements SyncMessage {
    }

    record Error(String code, String message, String ref, /** extension */ String path,
            /** extension: the folder of the refused message */ String folder) implements SyncMessage {

        public Error(String code, String message, String ref, String path) {
            this(code, message, ref, path, null);
        }

        public static Error of(ErrorCode code, String message, String ref) {
            return new Error(code.name(), message, ref, null, null);
        }

        public static Error of(ErrorCode code, String message, String ref, String path) {
            return new Error(code.name(), message, ref, path, null);
        }

        public Error inFolder(String folder) {
            return new Error(code, message, ref, path, folder);
        }
    }

    // ---- extensions: reconcile ----

    /** Client asks for the server's manifest of the active folder; carries its measured clock offset. */
    record ManifestRequest(String folder, Long clockOffsetMs) implements SyncMessage {
    }

    /**
     * The server's list of synchronised files, one JSON object a line in the content
     * ({@code {"path":..,"sha256":..,"mtime":..,"size":..}}), so it is not bound by the header limit.
     */
    record Manifest(String folder, String digest, Integer files) implements SyncMessage {
        @Override
        public String problem() {
            return folder == null ? "folder is missing" : null;
        }
    }

    /**
     * Sent every interval: the digest of the server's manifest. A client whose own digest differs asks for the manifest.
     * {@code spaceShort} (extension field, absent when false): the folder's file system refused a client's edit for
     * lack of space and has not been seen to have room again; once a SUMMARY comes without it, a client sends the
     * edits refused meanwhile again at once instead of after its wait.
     */
    record Summary(String folder, String digest, Integer files, Boolean spaceShort) implements SyncMessage {

        public Summary(String folder, String digest, Integer files) {
            this(folder, digest, files, null);
        }

        public boolean shortOfSpace() {
            return Boolean.TRUE.equals(spaceShort);
        }

        public Summary withSpaceShort(boolean now) {
            return new Summary(folder, digest, files, now ? Boolean.TRUE : null);
        }
    }

    /** Client asks for the current content of these paths (missing or damaged locally). */
    record FileRequest(String folder, List<String> paths) implements SyncMessage {
        @Override
        public String problem() {
            return paths == null ? "paths is missing" : null;
        }
    }

    /** Server accepted a client's FILE_UPDATE; the client may take {@code sha256} as its new base. */
    record Ack(String ref, String folder, String path, String sha256, Long mtime) implements SyncMessage {
    }

    // ---- extensions: folders ----

    /** Server -> client: the active folder is now {@code folder}. */
    record FolderChanged(String folder) implements SyncMessage {
    }

    /** Client -> server: list folders ({@code name} null) or switch the active folder to {@code name}. */
    record FolderCommand(String id, String name) implements SyncMessage {
    }

    /**
     * Server -> client: answer to a FOLDER_COMMAND. {@code code} (extension) is {@code NOT_ALLOWED}
     * when the client is not granted the folder switch; {@code error} then says why.
     */
    record Folders(String ref, List<FolderInfo> folders, String error, String code) implements SyncMessage {
        public Folders(String ref, List<FolderInfo> folders, String error) {
            this(ref, folders, error, null);
        }
    }

    record FolderInfo(String name, boolean active) {
    }

    // ---- extensions: what a client may ask beyond syncing (feature "commands") ----

    /** Client -> server: what may I ask of you? Answered with PERMISSIONS. */
    record PermissionsRequest(String id) implements SyncMessage {
    }

    /**
     * Server -> client: whether this client may switch the active folder, and the commands it may
     * run; the commands travel in the content as a JSON array of {@link CommandInfo}, so many
     * commands are not bound by the header limit.
     */
    record Permissions(String ref, Boolean switchFolder, Integer commands) implements SyncMessage {
    }

    /** A command as a client sees it: never its argument list. */
    record CommandInfo(String name, String description, long timeoutMs) {
    }

    /** Client -> server: run the configured command {@code name} in the active folder. */
    record CommandRun(String id, String name) implements SyncMessage {
        @Override
        public String problem() {
            return name == null || name.isBlank() ? "name is missing" : null;
        }
    }

    /** Server -> client: the command of COMMAND_RUN {@code ref} has started. */
    record CommandStarted(String ref, String name, String folder, Long startedAt) implements SyncMessage {
    }

    /** Server -> client: the next piece of the output (stdout and stderr merged), raw bytes in the content. */
    record CommandOutput(String ref) implements SyncMessage {
    }

    /**
     * Server -> client: the run of COMMAND_RUN {@code ref} is over.
     *
     * @param outcome {@code exited}, {@code timed-out} (the process tree was killed) or {@code failed} (did not start)
     * @param exitCode the process's exit status, null when it did not start
     * @param truncated true when the output went beyond the command's {@code max-output} and the rest was dropped
     */
    record CommandDone(String ref, String name, String outcome, Integer exitCode, Long durationMs, Long outputBytes,
            Boolean truncated, String message) implements SyncMessage {
    }

    // ---- extensions: the server's kept conflict versions that came from this client (feature "conflict-versions") ----

    /** Client -> server: list the versions you kept that came from me. Answered with CONFLICTS. */
    record ConflictsRequest(String id) implements SyncMessage {
    }

    /** Server -> client: the list, newest first, as a JSON array of {@link ConflictInfo} in the content. */
    record Conflicts(String ref, Integer count) implements SyncMessage {
    }

    /** One kept version, as a client sees it. Times are epoch milliseconds (server clock). */
    record ConflictInfo(long id, String folder, String path, String sha256, long mtime, long size, long keptAt,
            String winner) {
    }

    /** Client -> server: send me the content of kept version {@code conflictId} (one that came from me). */
    record ConflictFetch(String id, Long conflictId) implements SyncMessage {
        @Override
        public String problem() {
            return conflictId == null ? "conflictId is missing" : null;
        }
    }

    /** Server -> client: the content of kept version {@code conflictId}. */
    record ConflictContent(String ref, Long conflictId, String sha256) implements SyncMessage {
    }

    // ---- what the decoder makes of frames it cannot use; never sent ----

    /** A well-framed header with a {@code type} this side does not know. */
    record Unknown(String unknownType, String id) implements SyncMessage {
    }

    /** A frame that cannot be parsed; the connection is closed after the BAD_FRAME reply. */
    record Malformed(String reason) implements SyncMessage {
    }

    /** A message whose content exceeds {@code max-file-bytes} (skipped, not stored), or any content before the handshake (never read). */
    record Oversize(SyncMessage message, long contentLength) implements SyncMessage {
    }
}
