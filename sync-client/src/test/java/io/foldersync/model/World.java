package io.foldersync.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;
import io.foldersync.server.web.Http;

/**
 * What the users could see at one moment: every folder of the server, the versions its conflict
 * store keeps, every client's folder, and who is connected to whom. Plain data, so the
 * {@link Oracle} is a pure function of it (and tested as one).
 *
 * @param active the server's active folder (null while the server is down)
 * @param serverFolders folder name -> path -> content (visible text files)
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
     * @param files path -> content (visible text files)
     */
    record ClientView(String name, boolean running, boolean connected, String folder, int pendingUploads,
            Map<String, String> files) {
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
        folderNames.forEach(name -> folders.put(name, SyncCluster.tree(cluster.serverFolder(name))));
        Map<String, ClientView> clients = new TreeMap<>();
        for (String name : clientNames) {
            SyncCluster.ClientNode node = cluster.client(name);
            boolean running = node != null && node.context().isActive();
            clients.put(name, new ClientView(name, running, running && node.bean(ServerLink.class).isReady(),
                    running ? node.bean(ClientSync.class).folder() : null,
                    running ? node.bean(ClientSync.class).pendingUploads() : 0,
                    SyncCluster.tree(cluster.clientHome(name).resolve("folder"))));
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
            Http.Response content = Http.get(httpPort, "/api/conflicts/" + id, SyncCluster.ADMIN_TOKEN);
            // a version whose content is gone is reported as lost by the oracle (it finds no place for it)
            conflicts.add(new Conflict(id, item.get("folder").asString(), item.get("path").asString(),
                    content.status() == 200 ? content.body() : null));
        }
        return conflicts;
    }

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
