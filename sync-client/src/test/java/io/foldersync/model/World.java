package io.foldersync.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import io.foldersync.apply.WorkDir;
import io.foldersync.client.link.ServerLink;
import io.foldersync.client.mirror.ClientSync;
import io.foldersync.e2e.SyncCluster;
import io.foldersync.files.FileRules;
import io.foldersync.files.TextFiles;
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;
import io.foldersync.server.web.Http;
import io.foldersync.state.StateStore;

/**
 * What the users could see at one moment: every folder of the server, the versions its conflict
 * store keeps, every client's folder, and who is connected to whom. Plain data, so the
 * {@link Oracle} is a pure function of it (and tested as one).
 *
 * @param active the server's active folder (null while the server is down)
 * @param serverFolders folder name -> path -> content (visible files, text or not, as {@link #key}s)
 * @param sessions client id -> the folder the server's session for it mirrors (ready sessions only)
 * @param clients by name
 * @param conflicts the server's kept versions (null when not looked at)
 */
record World(String active, Map<String, Map<String, String>> serverFolders, Map<String, String> sessions,
        Map<String, ClientView> clients, List<Conflict> conflicts, List<String> litter) {

    /**
     * @param running whether its context runs
     * @param connected whether its connection is ready
     * @param folder the server folder it mirrors
     * @param pendingUploads uploads sent and not answered
     * @param files path -> content (visible files, text or not, as {@link #key}s)
     * @param bases path -> the sha256 of its base in the folder it mirrors (its state database)
     */
    record ClientView(String name, boolean running, boolean connected, String folder, int pendingUploads,
            Map<String, String> files, Map<String, String> bases) {
    }

    /** How a content that is not text (binary: it holds a NUL) is written as a key: this, then its bytes as Latin-1. */
    static final String BINARY = "\u0000binary\u0000";

    /** A file's content as the model names it: the text itself, or {@link #BINARY} and its bytes. */
    static String key(byte[] bytes) {
        return TextFiles.isText(bytes) ? new String(bytes, StandardCharsets.UTF_8)
                : BINARY + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String key) {
        return isBinary(key) ? key.substring(BINARY.length()).getBytes(StandardCharsets.ISO_8859_1)
                : key.getBytes(StandardCharsets.UTF_8);
    }

    static boolean isBinary(String key) {
        return key.startsWith(BINARY);
    }

    static String sha256(String key) {
        return TextFiles.sha256(bytes(key));
    }

    /** Every visible regular file below a folder, text or not, by relative path, as {@link #key}s. */
    static Map<String, String> files(Path folder) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                String relative = folder.relativize(p).toString().replace('\\', '/');
                if (FileRules.isVisible(relative)) {
                    try {
                        files.put(relative, key(Files.readAllBytes(p)));
                    }
                    catch (IOException e) {
                        // deleted while we looked: absent
                    }
                }
            });
        }
        catch (IOException | UncheckedIOException e) {
            // a directory vanished during the walk: the caller looks again
        }
        return files;
    }

    /** The server's files that the sync mirrors: its text files (a binary file is not synchronised). */
    Map<String, String> mirrored(String folder) {
        Map<String, String> text = new TreeMap<>();
        serverFolders.get(folder).forEach((path, content) -> {
            if (!isBinary(content)) {
                text.put(path, content);
            }
        });
        return text;
    }

    /** A version the server kept as the loser of a conflict. */
    record Conflict(long id, String folder, String path, String content) {
    }

    /** Every place that holds {@code content}: {@code server:docs/a.txt}, {@code conflict#3 docs/a.txt}, {@code alpha:a.txt}. */
    List<String> placesOf(String content) {
        List<String> places = new ArrayList<>();
        serverFolders.forEach((folder, files) -> files.forEach((path, c) -> {
            if (c.equals(content)) {
                places.add("server:" + folder + "/" + path);
            }
        }));
        if (conflicts != null) {
            for (Conflict conflict : conflicts) {
                if (content.equals(conflict.content())) {
                    places.add("conflict#" + conflict.id() + " " + conflict.folder() + "/" + conflict.path());
                }
            }
        }
        clients.forEach((name, client) -> client.files().forEach((path, c) -> {
            if (c.equals(content)) {
                places.add(name + ":" + path);
            }
        }));
        return places;
    }

    /** Everything in the world, by place (for a failure report and for the unknown-content check). */
    Map<String, String> everything() {
        Map<String, String> all = new LinkedHashMap<>();
        serverFolders.forEach((folder, files) -> files.forEach((path, c) -> all.put("server:" + folder + "/" + path, c)));
        if (conflicts != null) {
            conflicts.forEach(c -> all.put("conflict#" + c.id() + " " + c.folder() + "/" + c.path(), c.content()));
        }
        clients.forEach((name, client) -> client.files().forEach((path, c) -> all.put(name + ":" + path, c)));
        return all;
    }

    /** Looks at the running cluster; the conflict store (HTTP) only when {@code withConflicts}. */
    static World capture(SyncCluster cluster, List<String> folderNames, List<String> clientNames, boolean withConflicts) {
        SyncCluster.ServerNode server = cluster.server();
        boolean serverRunning = server != null && server.context().isActive();
        String active = serverRunning ? server.bean(ActiveFolder.class).name() : null;
        Map<String, String> sessions = new TreeMap<>();
        if (serverRunning) {
            for (ClientSession session : server.bean(ClientSessions.class).ready()) {
                sessions.put(session.clientId(), session.folder());
            }
        }
        Map<String, Map<String, String>> folders = new TreeMap<>();
        folderNames.forEach(name -> folders.put(name, files(cluster.serverFolder(name))));
        Map<String, ClientView> clients = new TreeMap<>();
        for (String name : clientNames) {
            SyncCluster.ClientNode node = cluster.client(name);
            boolean running = node != null && node.context().isActive();
            String folder = running ? node.bean(ClientSync.class).folder() : null;
            Map<String, String> bases = new TreeMap<>();
            if (folder != null) {
                node.bean(StateStore.class).files(folder).forEach((path, state) -> bases.put(path, state.sha256()));
            }
            clients.put(name, new ClientView(name, running, running && node.bean(ServerLink.class).isReady(), folder,
                    running ? node.bean(ClientSync.class).pendingUploads() : 0,
                    files(cluster.clientHome(name).resolve("folder")), bases));
        }
        List<Conflict> conflicts = withConflicts && serverRunning ? conflicts(server.httpPort()) : null;
        List<Path> workDirs = new ArrayList<>();
        folderNames.forEach(name -> workDirs.add(new WorkDir(cluster.serverFolder(name)).tmp()));
        workDirs.add(cluster.base().resolve("server-data").resolve("spool"));
        for (String name : clientNames) {
            workDirs.add(new WorkDir(cluster.clientHome(name).resolve("folder")).tmp());
            workDirs.add(cluster.clientHome(name).resolve("data").resolve("spool"));
        }
        return new World(active, folders, sessions, clients, conflicts, litter(cluster.base(), workDirs));
    }

    private static List<String> litter(Path base, List<Path> directories) {
        List<String> found = new ArrayList<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(directory)) {
                walk.filter(Files::isRegularFile).forEach(p -> found.add(base.relativize(p).toString()));
            }
            catch (IOException | UncheckedIOException e) {
                // a file went while we looked: the sync is still at work, which the caller sees otherwise
            }
        }
        return found;
    }

    private static List<Conflict> conflicts(int httpPort) {
        List<Conflict> conflicts = new ArrayList<>();
        Http.Response list = Http.get(httpPort, "/api/conflicts", SyncCluster.ADMIN_TOKEN);
        if (list.status() != 200) {
            throw new IllegalStateException("GET /api/conflicts answered " + list.status() + ": " + list.body());
        }
        for (JsonNode item : list.json()) {
            long id = item.get("id").asLong();
            // a version whose content is gone is reported as lost by the oracle (it finds no place for it)
            conflicts.add(new Conflict(id, item.get("folder").asString(), item.get("path").asString(),
                    content(httpPort, id)));
        }
        return conflicts;
    }

    /** The bytes of a kept version (as a {@link #key}: the model compares contents, not what a decoder made of them), or null. */
    private static String content(int httpPort, long id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/conflicts/" + id))
                .header("Authorization", "Bearer " + SyncCluster.ADMIN_TOKEN).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? key(response.body()) : null;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A readable dump of everything, for a failure report. */
    String describe(Ledger ledger) {
        StringBuilder out = new StringBuilder();
        out.append("  active folder: ").append(active).append(", server sessions: ").append(sessions).append('\n');
        if (!litter.isEmpty()) {
            out.append("  left in work directories: ").append(litter).append('\n');
        }
        serverFolders.forEach((folder, files) -> out.append("  server ").append(folder).append(": ")
                .append(named(files, ledger)).append('\n'));
        if (conflicts != null) {
            out.append("  server conflict store: ");
            conflicts.forEach(c -> out.append('#').append(c.id()).append(' ').append(c.folder()).append('/')
                    .append(c.path()).append('=').append(ledger.name(c.content())).append("  "));
            out.append('\n');
        }
        clients.values().forEach(c -> out.append("  ").append(c.name()).append(c.running() ? "" : " (stopped)")
                .append(c.connected() ? " connected" : " not connected").append(", mirrors ").append(c.folder())
                .append(", pending uploads ").append(c.pendingUploads()).append(": ").append(named(c.files(), ledger))
                .append('\n'));
        return out.toString();
    }

    private static String named(Map<String, String> files, Ledger ledger) {
        StringBuilder out = new StringBuilder("{");
        files.forEach((path, content) -> out.append(out.length() > 1 ? ", " : "").append(path).append('=')
                .append(ledger.name(content)));
        return out.append('}').toString();
    }
}
