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

    record Welcome(String folder, String proof, Long serverTime, List<String> features) implements SyncMessage {
        @Override
        public String problem() {
            if (folder == null) return "folder is missing";
            if (proof == null) return "proof is missing";
            return serverTime == null ? "serverTime is missing" : null;
        }
    }

    // ---- files (contract; "folder" is an extension that keeps messages unambiguous across a switch) ----

    record FileUpdate(String id, String folder, String path, Long mtime, String sha256,
            @JsonInclude(JsonInclude.Include.ALWAYS) String baseSha256) implements SyncMessage {
        @Override
        public String problem() {
            if (path == null) return "path is missing";
            if (mtime == null) return "mtime is missing";
            return sha256 == null ? "sha256 is missing" : null;
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

    record Error(String code, String message, String ref, /** extension */ String path) implements SyncMessage {
        public static Error of(ErrorCode code, String message, String ref) {
            return new Error(code.name(), message, ref, null);
        }

        public static Error of(ErrorCode code, String message, String ref, String path) {
            return new Error(code.name(), message, ref, path);
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

    /** Sent every interval: the digest of the server's manifest. A client whose own digest differs asks for the manifest. */
    record Summary(String folder, String digest, Integer files) implements SyncMessage {
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

    /** Server -> client: answer to a FOLDER_COMMAND. */
    record Folders(String ref, List<FolderInfo> folders, String error) implements SyncMessage {
    }

    record FolderInfo(String name, boolean active) {
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
