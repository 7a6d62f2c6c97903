package io.foldersync.model;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import io.foldersync.e2e.SyncCluster;
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.state.StateStore;

/**
 * What the model's users share: the cluster, their hands, the ledger, the step log, the round's
 * random source, and what they look at before they act (which files exist where). Candidates are
 * always listed in sorted order, so the same random source makes the same choice in the same world.
 */
final class Model {

    static final List<String> FOLDERS = List.of("docs", "notes");

    static final List<String> CLIENTS = List.of("alpha", "beta");

    /** Paths the users create files at: a small pool, so creates, moves and switches collide. */
    static final List<String> POOL;

    static {
        List<String> pool = new ArrayList<>();
        for (String dir : List.of("", "d1/", "d2/deep/", "moved/")) {
            for (String name : List.of("a.txt", "b.txt", "c.txt", "d.md")) {
                pool.add(dir + name);
            }
        }
        POOL = List.copyOf(pool);
    }

    /** Top-level directories a server user may rename (to one of the others that does not exist). */
    static final List<String> DIRECTORIES = List.of("d1", "d2", "moved");

    final SyncCluster cluster;

    final Hands hands;

    final Ledger ledger;

    final StepLog log;

    private Random random;

    /** The active folder as last seen, for the moments the server is down. */
    private String lastActive = FOLDERS.get(0);

    Model(SyncCluster cluster, Hands hands, Ledger ledger, StepLog log, Random random) {
        this.cluster = cluster;
        this.hands = hands;
        this.ledger = ledger;
        this.log = log;
        this.random = random;
    }

    void random(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    String step() {
        return log.step();
    }

    // ------------------------------------------------------------------ choices

    <T> T any(List<T> candidates) {
        return candidates.get(random.nextInt(candidates.size()));
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    String anyClient() {
        return any(CLIENTS);
    }

    static String otherClient(String client) {
        return CLIENTS.stream().filter(c -> !c.equals(client)).findFirst().orElseThrow();
    }

    /** A body for a new version: a few lines, so versions differ in size too. */
    String filler() {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            text.append("line ").append(i).append(' ').append(Long.toHexString(random.nextLong())).append('\n');
        }
        return text.toString();
    }

    /** A user's pause (Awaitility's poll delay: the test makes no sleep of its own). */
    static void pause(long millis) {
        if (millis > 0) {
            await().pollDelay(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis + 2000)).until(() -> true);
        }
    }

    // ------------------------------------------------------------------ what users see

    String activeFolder() {
        SyncCluster.ServerNode server = cluster.server();
        if (server != null && server.context().isActive()) {
            lastActive = server.bean(ActiveFolder.class).name();
        }
        return lastActive;
    }

    String otherFolder() {
        String active = activeFolder();
        return FOLDERS.stream().filter(f -> !f.equals(active)).findFirst().orElseThrow();
    }

    Path serverFile(String folder, String path) {
        return cluster.serverFolder(folder).resolve(path);
    }

    Path clientFolder(String client) {
        return cluster.clientHome(client).resolve("folder");
    }

    Path clientFile(String client, String path) {
        return clientFolder(client).resolve(path);
    }

    /** The visible files of a server folder, text or not. */
    Set<String> serverFiles(String folder) {
        return World.files(cluster.serverFolder(folder)).keySet();
    }

    /** The visible files of a client's folder, text or not. */
    Set<String> clientFiles(String client) {
        return World.files(clientFolder(client)).keySet();
    }

    /** Pool paths free in the folder: no file or directory there, and no file where a directory of it would be. */
    static List<String> freePaths(Path folder) {
        return POOL.stream().filter(p -> !Files.exists(folder.resolve(p)) && !hasFileAbove(folder, p)).toList();
    }

    private static boolean hasFileAbove(Path folder, String path) {
        for (Path p = folder.resolve(path).getParent(); p != null && !p.equals(folder); p = p.getParent()) {
            if (Files.isRegularFile(p)) {
                return true;
            }
        }
        return false;
    }

    /** Files the client has that the server's active folder has too: the tracked files a client's user edits. */
    List<String> editable(String client) {
        Set<String> both = new TreeSet<>(clientFiles(client));
        both.retainAll(serverFiles(activeFolder()));
        return List.copyOf(both);
    }

    boolean running(String client) {
        SyncCluster.ClientNode node = cluster.client(client);
        return node != null && node.context().isActive();
    }

    /** Every path the client has a base for, in any folder (its state database; the client must run). */
    Set<String> bases(String client) {
        StateStore store = cluster.client(client).bean(StateStore.class);
        Set<String> paths = new HashSet<>();
        for (String folder : store.folders()) {
            paths.addAll(store.files(folder).keySet());
        }
        return paths;
    }

    /** The file's content as a {@link World#key}, or null. */
    static String readQuietly(Path file) {
        try {
            return World.key(Files.readAllBytes(file));
        }
        catch (IOException e) {
            return null;
        }
    }
}
