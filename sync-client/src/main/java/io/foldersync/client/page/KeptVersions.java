package io.foldersync.client.page;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.foldersync.client.mirror.ClientSync;
import io.foldersync.client.remote.RequestRefused;
import io.foldersync.client.remote.ServerRequests;
import io.foldersync.files.FileRules;
import io.foldersync.files.TextFiles;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;
import io.foldersync.state.StateStore;

/**
 * The versions kept aside by conflicts that concern this client: its own conflict copies beside
 * the files, and the versions the server kept that came from this client. For each, a diff
 * against the current file and one of two actions:
 * <ul>
 * <li><b>keep current</b>: a local copy is deleted (it was only ever here; this is the person
 * saying they looked and do not need it); a server version is only hidden from this page (the
 * server keeps it until its own pruning, for its admin);</li>
 * <li><b>restore</b>: the kept content is written over the current file, an ordinary local edit
 * that the engine sends under the normal rules (the newer edit, it wins unless something newer
 * crosses it, and then that conflict keeps a copy again); then the copy is deleted or the server
 * version hidden, as its content is the current one now.</li>
 * </ul>
 * Only files the mirrored folder tracks can be restored: a client never creates on the server.
 */
@Component
class KeptVersions {

    private static final Log log = LogFactory.getLog(KeptVersions.class);

    /** Each side of a diff is shown up to this size. */
    static final long MAX_SHOWN_BYTES = 2L * 1024 * 1024;

    /** Server versions hidden by "keep current", in the state database, newest last. */
    static final String DISMISSED_SETTING = "page.dismissed-server-versions";

    static final int MAX_DISMISSED = 1000;

    static final String LOCAL = "local";

    static final String SERVER = "server";

    /**
     * A kept version.
     *
     * @param source {@code local} (a copy here) or {@code server} (kept by the server)
     * @param key the copy's path, or the server's id of the version
     * @param path the file it is a version of
     * @param restorable whether restore can work (else {@code why} says why not)
     * @param alsoOnServer for a local copy: the id of the version the server kept with the same
     *        content (one conflict seen from both sides: listed once, settled together), or null
     */
    record Version(String source, String key, String folder, String path, String keptAt, long size, String note,
            boolean restorable, String why, String alsoOnServer) {
    }

    /** @param serverNote why the server's versions are not listed (not connected, older server), or null */
    record Listing(List<Version> versions, String serverNote) {
    }

    /** A version beside the current file. {@code current}/{@code kept}: null when absent or not shown (see notes). */
    record Comparison(Version version, boolean currentExists, String currentNote, String keptNote, TextDiff.Result diff) {
    }

    private final ClientSync sync;

    private final StateStore store;

    private final ServerRequests requests;

    private final FileRules rules;

    private final Clock clock;

    KeptVersions(ClientSync sync, StateStore store, ServerRequests requests, FileRules rules, Clock clock) {
        this.sync = sync;
        this.store = store;
        this.requests = requests;
        this.rules = rules;
        this.clock = clock;
    }

    Listing list() {
        String folder = sync.folder();
        List<LocalCopies.Copy> copies = LocalCopies.in(sync.root());
        List<SyncMessage.ConflictInfo> onServer = List.of();
        String serverNote = null;
        try {
            Set<String> dismissed = dismissed();
            onServer = requests.conflicts().stream().filter(info -> !dismissed.contains(dismissKey(info))).toList();
        }
        catch (RequestRefused e) {
            serverNote = "the versions the server kept cannot be listed now: " + e.getMessage();
        }
        List<Version> versions = new ArrayList<>();
        Set<Long> shown = new java.util.HashSet<>();
        for (LocalCopies.Copy copy : copies) {
            SyncMessage.ConflictInfo same = sameOnServer(copy, onServer);
            if (same != null) {
                shown.add(same.id());
            }
            versions.add(local(folder, copy, same));
        }
        for (SyncMessage.ConflictInfo info : onServer) {
            if (!shown.contains(info.id())) {
                versions.add(server(folder, info));
            }
        }
        return new Listing(versions, serverNote);
    }

    /** The server's kept version of the same file with the same content as a local copy, or null. */
    private SyncMessage.ConflictInfo sameOnServer(LocalCopies.Copy copy, List<SyncMessage.ConflictInfo> onServer) {
        List<SyncMessage.ConflictInfo> candidates = onServer.stream()
                .filter(info -> info.path().equals(copy.original()) && info.size() == copy.size()).toList();
        if (candidates.isEmpty()) {
            return null;
        }
        byte[] content = readBounded(sync.root().resolve(copy.path()));
        String sha = content == null ? null : TextFiles.sha256(content);
        return candidates.stream().filter(info -> info.sha256().equals(sha)).findFirst().orElse(null);
    }

    Comparison compare(String source, String key) {
        Found found = find(source, key, true);
        String currentNote = null;
        String current = null;
        Path file = sync.root().resolve(found.version.path());
        boolean exists = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
        if (!exists) {
            currentNote = "there is no current file at " + found.version.path();
        }
        else {
            byte[] bytes = readBounded(file);
            if (bytes == null) {
                currentNote = "too large to show here";
            }
            else if (!TextFiles.isText(bytes)) {
                currentNote = "not text: nothing to show";
            }
            else {
                current = new String(bytes, StandardCharsets.UTF_8);
            }
        }
        String keptNote = null;
        String kept = null;
        if (found.content == null) {
            keptNote = "too large to show here";
        }
        else if (!TextFiles.isText(found.content)) {
            keptNote = "not text: nothing to show";
        }
        else {
            kept = new String(found.content, StandardCharsets.UTF_8);
        }
        TextDiff.Result diff = current != null && kept != null ? TextDiff.of(current, kept)
                : TextDiff.of(current == null ? "" : current, kept == null ? "" : kept);
        return new Comparison(found.version, exists, currentNote, keptNote, diff);
    }

    void keepCurrent(String source, String key) {
        Found found = find(source, key, false);
        if (found.version.source().equals(LOCAL)) {
            dismissSameOnServer(found.version);
            try {
                sync.deleteLocalOnly(found.version.key());
            }
            catch (IOException e) {
                throw new PageProblem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "could not delete "
                        + found.version.key() + ": " + e.getMessage());
            }
            log.info("page: kept the current " + found.version.path() + "; deleted the conflict copy " + found.version.key());
        }
        else {
            dismiss(found.info);
            log.info("page: kept the current " + found.version.path() + "; hid the server's kept version "
                    + found.version.key() + " from the page (the server keeps it)");
        }
    }

    void restore(String source, String key) {
        Found found = find(source, key, true);
        if (found.content == null && found.version.source().equals(SERVER)) {
            throw new PageProblem(HttpStatus.CONTENT_TOO_LARGE, "TOO_LARGE", "version " + key + " is larger than "
                    + MAX_SHOWN_BYTES / (1024 * 1024) + " MB: restore it on the server (GET /api/conflicts/" + key + ")");
        }
        Version version = found.version;
        if (!version.restorable()) {
            throw new PageProblem(HttpStatus.CONFLICT, "NOT_RESTORABLE", version.why());
        }
        try {
            Content content = found.content != null ? Content.of(found.content)
                    : Content.ofFile(sync.root().resolve(version.key()), Files.size(sync.root().resolve(version.key())), false);
            // a fresh modification time: this is a new edit, judged like any other
            sync.writeLocalEdit(version.path(), content, clock.millis());
            if (version.source().equals(LOCAL)) {
                dismissSameOnServer(version);
                sync.deleteLocalOnly(version.key());
            }
            else {
                dismiss(found.info);
            }
        }
        catch (IOException e) {
            throw new PageProblem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "could not restore " + version.path()
                    + ": " + e.getMessage());
        }
        log.info("page: restored " + version.path() + " from " + (version.source().equals(LOCAL)
                ? "the conflict copy " + version.key() : "the server's kept version " + version.key())
                + "; it goes to the server as an edit");
    }

    // ------------------------------------------------------------------ finding a version

    private record Found(Version version, byte[] content, SyncMessage.ConflictInfo info) {
    }

    /** The version, with its content ({@code withContent}) when it is at most {@link #MAX_SHOWN_BYTES} (else null). */
    private Found find(String source, String key, boolean withContent) {
        String folder = sync.folder();
        if (LOCAL.equals(source)) {
            if (key == null || SyncPath.problem(key) != null) {
                throw new PageProblem(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "not a path in the folder: " + key);
            }
            Path file = sync.root().resolve(key);
            LocalCopies.Copy copy = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    ? LocalCopies.parse(key, size(file)).orElse(null) : null;
            if (copy == null) {
                throw new PageProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "no conflict copy " + key + " here (any more)");
            }
            byte[] content = readBounded(file);
            return new Found(local(folder, copy, null), content, null);
        }
        if (SERVER.equals(source)) {
            long id;
            try {
                id = Long.parseLong(key);
            }
            catch (NumberFormatException | NullPointerException e) {
                throw new PageProblem(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "not a version id: " + key);
            }
            SyncMessage.ConflictInfo info;
            byte[] content = null;
            try {
                info = requests.conflicts().stream().filter(c -> c.id() == id).findFirst()
                        .orElseThrow(() -> new PageProblem(HttpStatus.NOT_FOUND, "NOT_FOUND",
                                "the server keeps no version " + id + " from this client (any more)"));
                if (withContent && info.size() <= MAX_SHOWN_BYTES) {
                    content = requests.conflictContent(id, MAX_SHOWN_BYTES).bytes();
                }
            }
            catch (RequestRefused e) {
                throw new PageProblem("UNAVAILABLE".equals(e.code()) ? HttpStatus.SERVICE_UNAVAILABLE
                        : HttpStatus.CONFLICT, e.code(), e.getMessage());
            }
            return new Found(server(folder, info), content, info);
        }
        throw new PageProblem(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "source must be local or server");
    }

    private Version local(String folder, LocalCopies.Copy copy, SyncMessage.ConflictInfo alsoOnServer) {
        String why = restoreProblem(folder, folder, copy.original());
        return new Version(LOCAL, copy.path(), folder, copy.original(), copy.keptAt().toString(), copy.size(),
                "your version, kept here as " + copy.path() + (alsoOnServer == null ? ""
                        : " (the server keeps it too, as version " + alsoOnServer.id() + ")"),
                why == null, why, alsoOnServer == null ? null : Long.toString(alsoOnServer.id()));
    }

    /** The server's copy of a conflict settled here is settled too (hidden from the page). */
    private void dismissSameOnServer(Version local) {
        try {
            LocalCopies.Copy copy = new LocalCopies.Copy(local.key(), local.path(), Instant.parse(local.keptAt()), local.size());
            SyncMessage.ConflictInfo same = sameOnServer(copy, requests.conflicts());
            if (same != null) {
                dismiss(same);
            }
        }
        catch (RequestRefused e) {
            log.debug("could not look for the server's copy of " + local.key() + ": " + e.getMessage());
        }
    }

    private Version server(String folder, SyncMessage.ConflictInfo info) {
        String why = restoreProblem(folder, info.folder(), info.path());
        return new Version(SERVER, Long.toString(info.id()), info.folder(), info.path(),
                Instant.ofEpochMilli(info.keptAt()).toString(), info.size(),
                "your version, kept by the server (the version from " + info.winner() + " won)", why == null, why, null);
    }

    /** Why a version of {@code path} cannot be restored now, or null when it can. */
    private String restoreProblem(String mirrored, String versionFolder, String path) {
        if (mirrored == null) {
            return "this client mirrors no folder yet";
        }
        if (!mirrored.equals(versionFolder)) {
            return "it belongs to folder " + versionFolder + ", and this client mirrors " + mirrored + " now";
        }
        if (store.get(mirrored, path).isEmpty()) {
            return path + " is not a file of the server's folder (any more): a client cannot create files there";
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    private Set<String> dismissed() {
        Set<String> keys = new LinkedHashSet<>();
        store.setting(DISMISSED_SETTING).ifPresent(v -> v.lines().filter(l -> !l.isBlank()).forEach(keys::add));
        return keys;
    }

    private void dismiss(SyncMessage.ConflictInfo info) {
        Set<String> keys = dismissed();
        keys.add(dismissKey(info));
        List<String> kept = new ArrayList<>(keys);
        if (kept.size() > MAX_DISMISSED) {
            kept = kept.subList(kept.size() - MAX_DISMISSED, kept.size());
        }
        store.setting(DISMISSED_SETTING, String.join("\n", kept));
    }

    /** Id and hash: a server that lost its state database may give an id again, to another version. */
    private static String dismissKey(SyncMessage.ConflictInfo info) {
        return info.id() + ":" + info.sha256();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            return 0;
        }
    }

    /** The file's content, or null when it is larger than {@link #MAX_SHOWN_BYTES} or cannot be read. */
    private static byte[] readBounded(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) MAX_SHOWN_BYTES + 1);
            return bytes.length > MAX_SHOWN_BYTES ? null : bytes;
        }
        catch (IOException e) {
            return null;
        }
    }
}
