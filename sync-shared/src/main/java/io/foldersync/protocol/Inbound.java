package io.foldersync.protocol;

import java.util.List;

/**
 * The checks every received message passes before a handler sees it, the same on both sides:
 * required fields present (else {@code BAD_FRAME}), every path a valid relative path (else
 * {@code BAD_PATH}), every hash 64 lower-case hex digits (else {@code BAD_FRAME}). A handler can
 * then trust what it is given: no engine checks a path again, and none forgets to.
 */
public final class Inbound {

    /** Why a message is refused, with what the ERROR echoes ({@code ref}, {@code path}). */
    public record Refusal(ErrorCode code, String message, String ref, String path) {
    }

    private Inbound() {
    }

    /** The refusal for this message, or null when it may be handled. */
    public static Refusal check(SyncMessage message) {
        String ref = idOf(message);
        String missing = message.problem();
        if (missing != null) {
            return new Refusal(ErrorCode.BAD_FRAME, message.type() + ": " + missing, ref, firstPath(message));
        }
        for (String path : paths(message)) {
            String problem = SyncPath.problem(path);
            if (problem != null) {
                return new Refusal(ErrorCode.BAD_PATH, problem + ": " + path, ref, path);
            }
        }
        for (String sha : hashes(message)) {
            if (sha != null && !isSha256(sha)) {
                return new Refusal(ErrorCode.BAD_FRAME, message.type() + ": a hash is not 64 lower-case hex digits",
                        ref, firstPath(message));
            }
        }
        return null;
    }

    public static boolean isSha256(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    static String idOf(SyncMessage message) {
        if (message instanceof SyncMessage.FileUpdate u) {
            return u.id();
        }
        if (message instanceof SyncMessage.FileDelete d) {
            return d.id();
        }
        if (message instanceof SyncMessage.FileMove m) {
            return m.id();
        }
        if (message instanceof SyncMessage.FolderCommand c) {
            return c.id();
        }
        return message instanceof SyncMessage.Unknown u ? u.id() : null;
    }

    private static String firstPath(SyncMessage message) {
        List<String> paths = paths(message);
        return paths.isEmpty() ? null : paths.get(0);
    }

    /** Every path a message names, which must all be valid. */
    static List<String> paths(SyncMessage message) {
        if (message instanceof SyncMessage.FileUpdate u) {
            return nonNull(u.path());
        }
        if (message instanceof SyncMessage.FileDelete d) {
            return nonNull(d.path());
        }
        if (message instanceof SyncMessage.FileMove m) {
            return nonNull(m.from(), m.to());
        }
        if (message instanceof SyncMessage.FileRequest r) {
            return r.paths() == null ? List.of() : r.paths();
        }
        if (message instanceof SyncMessage.Ack a) {
            return nonNull(a.path());
        }
        return List.of();
    }

    private static List<String> hashes(SyncMessage message) {
        if (message instanceof SyncMessage.FileUpdate u) {
            return java.util.Arrays.asList(u.sha256(), u.baseSha256(), u.deltaBase());
        }
        if (message instanceof SyncMessage.FileDelete d) {
            return java.util.Arrays.asList(d.sha256());
        }
        if (message instanceof SyncMessage.FileMove m) {
            return java.util.Arrays.asList(m.sha256());
        }
        if (message instanceof SyncMessage.Ack a) {
            return java.util.Arrays.asList(a.sha256());
        }
        return List.of();
    }

    private static List<String> nonNull(String... values) {
        return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).toList();
    }
}
