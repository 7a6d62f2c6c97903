package io.foldersync.model;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.awaitility.core.ConditionTimeoutException;

import io.foldersync.client.link.ServerLink;
import io.foldersync.e2e.SyncCluster;
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;
import io.foldersync.state.StateStore;

/**
 * One run of the model: a real server with two folders and two real clients (whole Spring
 * contexts over loopback, {@link SyncCluster}), driven in rounds. A round is a few random user
 * actions, back to back or with short pauses, so they race the sync and each other; then the run
 * waits (bounded) until the dust has settled and asks the {@link Oracle}. Every action is logged
 * as a step; a failure reports the seed, the steps so far, what is wrong and everything every side
 * holds.
 *
 * <p>The choices of round {@code r} come from a {@link Random} seeded with the run's seed and
 * {@code r}, and candidates are taken in sorted order, so a replay with the same seed makes the
 * same choices as long as the world it meets is the same. What a race decides (which of two
 * crossing edits the server sees first) can differ between runs: a failure that hangs on a race
 * may need a few replays, or the steps it printed, to show again.
 */
final class ModelRun {

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

    /** The bound of a round's settling: a few intervals (5 s) of reconcile, plus reconnects and restarts on 2 busy cores. */
    static final Duration SETTLE = Duration.ofSeconds(60);

    /** How long the world must stay settled before the oracle looks: longer than a watcher batch and a round trip. */
    static final Duration QUIET = Duration.ofMillis(1000);

    /** What a user does, with how often (weights). */
    enum Action {
        SERVER_CREATE(10), SERVER_MODIFY(12), SERVER_DELETE(5), SERVER_MOVE(6), SERVER_MOVE_DIRECTORY(2),
        CLIENT_EDIT(14), CLIENT_QUICK_SAVES(5), CLIENT_CREATE_LOCAL(6), CONCURRENT_EDIT(7),
        CLIENT_RESTART(4), CONNECTION_CUT(4), SERVER_RESTART(3), FOLDER_SWITCH(6);

        final int weight;

        Action(int weight) {
            this.weight = weight;
        }
    }

    /** The figures of a finished run. */
    record Figures(long seed, int rounds, int actions, Map<Action, Integer> done, int skipped, int versions,
            int conflicts, int clientCopies, Duration took, Duration settleMax, Duration settleTotal) {

        @Override
        public String toString() {
            return "seed=" + seed + " rounds=" + rounds + " actions=" + actions + " (skipped " + skipped + ") versions="
                    + versions + " server conflicts=" + conflicts + " client conflict copies=" + clientCopies + " in "
                    + took.toMillis() / 1000.0 + " s; settling took " + settleTotal.toMillis() / 1000.0 + " s in all, at most "
                    + settleMax.toMillis() / 1000.0 + " s; done: " + done;
        }
    }

    private final Path base;

    private final long seed;

    private final int rounds;

    private final Ledger ledger = new Ledger();

    private final List<String> steps = new ArrayList<>();

    private final Map<Action, Integer> done = new EnumMap<>(Action.class);

    private final Hands hands;

    private SyncCluster cluster;

    private Random random;

    private String step = "r0";

    private int round;

    private int actions;

    private int skipped;

    private Duration settleMax = Duration.ZERO;

    private Duration settleTotal = Duration.ZERO;

    /** The active folder while the server is down (for the actions of that moment). */
    private String lastActive = FOLDERS.get(0);

    ModelRun(Path base, long seed, int rounds) throws IOException {
        this.base = base;
        this.seed = seed;
        this.rounds = rounds;
        this.hands = new Hands(base.resolve("scratch"));
    }

    Figures run() throws IOException {
        long start = System.nanoTime();
        cluster = SyncCluster.create(base.resolve("cluster"), FOLDERS.toArray(String[]::new));
        try {
            random = new Random(mix(seed));
            seedFiles();
            cluster.startServer();
            CLIENTS.forEach(cluster::startClient);
            settleAndCheck();
            for (round = 1; round <= rounds; round++) {
                random = new Random(mix(seed + round * 0x9E3779B97F4A7C15L));
                int count = 1 + random.nextInt(4);
                for (int i = 1; i <= count; i++) {
                    step = "r" + round + "." + i;
                    act(pick());
                    pauseMaybe();
                }
                step = "r" + round;
                settleAndCheck();
            }
            World end = World.capture(cluster, FOLDERS, CLIENTS, true);
            int copies = (int) end.clients().values().stream().flatMap(c -> c.files().keySet().stream())
                    .filter(Oracle::isConflictCopy).count();
            return new Figures(seed, rounds, actions, done, skipped, ledger.all().size(), end.conflicts().size(), copies,
                    Duration.ofNanos(System.nanoTime() - start), settleMax, settleTotal);
        }
        finally {
            cluster.close();
        }
    }

    // ------------------------------------------------------------------ rounds

    private void seedFiles() throws IOException {
        for (String path : List.of("a.txt", "b.txt", "d1/c.txt")) {
            seed("docs", path);
        }
        for (String path : List.of("a.txt", "d.md", "d2/deep/b.txt")) {
            seed("notes", path);
        }
    }

    private void seed(String folder, String path) throws IOException {
        Ledger.Version v = ledger.draft(Ledger.SEED, folder + "/" + path, path, "r0", filler());
        hands.create(cluster.serverFolder(folder).resolve(path), v.content());
        ledger.record(v);
        log("seed " + folder + "/" + path + " = " + v.name());
    }

    /**
     * SplitMix64's finalizer: {@link Random}'s first outputs for neighbouring seeds are nearly equal,
     * so each round's seed is scrambled first.
     */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private Action pick() {
        int total = 0;
        for (Action action : Action.values()) {
            total += action.weight;
        }
        int r = random.nextInt(total);
        for (Action action : Action.values()) {
            r -= action.weight;
            if (r < 0) {
                return action;
            }
        }
        throw new IllegalStateException();
    }

    private void pauseMaybe() {
        int r = random.nextInt(10);
        if (r >= 8) {
            pause(500 + random.nextInt(1000)); // long enough for the sync to act between two actions
        }
        else if (r >= 4) {
            pause(20 + random.nextInt(280));
        }
    }

    /** A user's pause (Awaitility's poll delay, not a sleep of the test's own making). */
    static void pause(long millis) {
        if (millis > 0) {
            await().pollDelay(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis + 2000)).until(() -> true);
        }
    }

    private void settleAndCheck() {
        long start = System.nanoTime();
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        try {
            await().atMost(SETTLE).during(QUIET).pollInterval(Duration.ofMillis(100)).until(() -> {
                List<String> problems;
                try {
                    problems = Oracle.unsettled(World.capture(cluster, FOLDERS, CLIENTS, false), ledger);
                }
                catch (RuntimeException e) {
                    problems = List.of("could not look: " + e);
                }
                last.set(0, problems);
                return problems.isEmpty();
            });
        }
        catch (ConditionTimeoutException e) {
            fail("did not settle within " + SETTLE.toSeconds() + " s", last.get(0));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        settleTotal = settleTotal.plus(took);
        settleMax = took.compareTo(settleMax) > 0 ? took : settleMax;
        World world = World.capture(cluster, FOLDERS, CLIENTS, true);
        List<String> problems = new ArrayList<>(Oracle.unsettled(world, ledger));
        problems.addAll(Oracle.violations(world, ledger));
        if (!problems.isEmpty()) {
            fail("the oracle found problems after round " + round, problems, world);
        }
        log("settled in " + took.toMillis() + " ms: " + summary(world));
    }

    private String summary(World world) {
        return world.active() + " " + world.serverFolders().get(world.active()).size() + " files, "
                + world.conflicts().size() + " kept conflicts, live versions " + ledger.live().size();
    }

    private void fail(String headline, List<String> problems) {
        World world;
        try {
            world = World.capture(cluster, FOLDERS, CLIENTS, true);
        }
        catch (RuntimeException e) {
            world = World.capture(cluster, FOLDERS, CLIENTS, false);
        }
        fail(headline, problems, world);
    }

    private void fail(String headline, List<String> problems, World world) {
        StringBuilder message = new StringBuilder("model test: ").append(headline).append('\n');
        message.append("seed=").append(seed).append(", failed in round ").append(round).append(" of ").append(rounds)
                .append("; replay: ./mvnw -B -pl sync-client -am verify -Dtest=SyncModelTest")
                .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dmodel.seed=").append(seed)
                .append(" -Dmodel.rounds=").append(round).append('\n');
        message.append("problems:\n");
        problems.forEach(p -> message.append("  - ").append(p).append('\n'));
        message.append("where every live version is:\n");
        for (Ledger.Version v : ledger.live()) {
            message.append("  ").append(v).append(": ").append(world.placesOf(v.content())).append('\n');
        }
        message.append("world:\n").append(world.describe(ledger));
        message.append("steps:\n");
        steps.forEach(s -> message.append("  ").append(s).append('\n'));
        throw new AssertionError(message.toString());
    }

    private void log(String what) {
        String line = step + " " + what;
        steps.add(line);
        System.out.println("[model] " + line);
    }

    // ------------------------------------------------------------------ actions

    private void act(Action action) throws IOException {
        boolean did = switch (action) {
            case SERVER_CREATE -> serverCreate(serverFolderChoice());
            case SERVER_MODIFY -> serverModify(serverFolderChoice());
            case SERVER_DELETE -> serverDelete(serverFolderChoice());
            case SERVER_MOVE -> serverMove(serverFolderChoice());
            case SERVER_MOVE_DIRECTORY -> serverMoveDirectory(serverFolderChoice());
            case CLIENT_EDIT -> clientEdit(anyClient());
            case CLIENT_QUICK_SAVES -> quickSaves(anyClient());
            case CLIENT_CREATE_LOCAL -> createLocal(anyClient());
            case CONCURRENT_EDIT -> concurrentEdit();
            case CLIENT_RESTART -> restartClient(anyClient());
            case CONNECTION_CUT -> cutConnection(anyClient());
            case SERVER_RESTART -> restartServer();
            case FOLDER_SWITCH -> switchFolder();
        };
        actions++;
        if (did) {
            done.merge(action, 1, Integer::sum);
        }
        else {
            skipped++;
        }
    }

    private String activeFolder() {
        SyncCluster.ServerNode server = cluster.server();
        if (server != null && server.context().isActive()) {
            lastActive = server.bean(ActiveFolder.class).name();
        }
        return lastActive;
    }

    private String otherFolder() {
        String active = activeFolder();
        return FOLDERS.stream().filter(f -> !f.equals(active)).findFirst().orElseThrow();
    }

    /** Mostly the active folder; now and then the other one, which the sync takes up at the next switch. */
    private String serverFolderChoice() {
        return random.nextInt(100) < 85 ? activeFolder() : otherFolder();
    }

    private String anyClient() {
        return CLIENTS.get(random.nextInt(CLIENTS.size()));
    }

    private static String otherClient(String client) {
        return CLIENTS.stream().filter(c -> !c.equals(client)).findFirst().orElseThrow();
    }

    private <T> T any(List<T> candidates) {
        return candidates.get(random.nextInt(candidates.size()));
    }

    private String filler() {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            text.append("line ").append(i).append(' ').append(Long.toHexString(random.nextLong())).append('\n');
        }
        return text.toString();
    }

    private Path serverFile(String folder, String path) {
        return cluster.serverFolder(folder).resolve(path);
    }

    private Path clientFile(String client, String path) {
        return cluster.clientHome(client).resolve("folder").resolve(path);
    }

    private Set<String> serverFiles(String folder) {
        return SyncCluster.tree(cluster.serverFolder(folder)).keySet();
    }

    private Set<String> clientFiles(String client) {
        return SyncCluster.tree(cluster.clientHome(client).resolve("folder")).keySet();
    }

    /** A pool path free in the folder (no file there, and not a directory). */
    private List<String> freePaths(Path folder) {
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

    /** Files the client has that the server's active folder has too: the tracked files a client user edits. */
    private List<String> editable(String client) {
        Set<String> both = new TreeSet<>(clientFiles(client));
        both.retainAll(serverFiles(activeFolder()));
        return List.copyOf(both);
    }

    // server

    private boolean serverCreate(String folder) throws IOException {
        List<String> free = freePaths(cluster.serverFolder(folder));
        if (free.isEmpty()) {
            log("server create in " + folder + ": skipped, no free path");
            return false;
        }
        String path = any(free);
        Ledger.Version v = ledger.draft(Ledger.SERVER, folder + "/" + path, path, step, filler());
        if (!hands.create(serverFile(folder, path), v.content())) {
            log("server create " + folder + "/" + path + ": skipped, the path is taken");
            return false;
        }
        ledger.record(v);
        log("server create " + folder + "/" + path + " = " + v.name() + (folder.equals(activeFolder()) ? "" : " (inactive folder)"));
        return true;
    }

    private boolean serverModify(String folder) throws IOException {
        List<String> files = List.copyOf(serverFiles(folder));
        if (files.isEmpty()) {
            log("server modify in " + folder + ": skipped, no file");
            return false;
        }
        serverSave(folder, any(files), "modify");
        return true;
    }

    private void serverSave(String folder, String path, String what) throws IOException {
        Ledger.Version v = ledger.record(ledger.draft(Ledger.SERVER, folder + "/" + path, path, step, filler()));
        List<String> taken = hands.save(serverFile(folder, path), v.content());
        taken.forEach(t -> ledger.supersede(t, step));
        log("server " + what + " " + folder + "/" + path + ": " + ledger.names(taken) + " -> " + v.name()
                + (folder.equals(activeFolder()) ? "" : " (inactive folder)"));
    }

    private boolean serverDelete(String folder) throws IOException {
        List<String> files = List.copyOf(serverFiles(folder));
        if (files.isEmpty()) {
            log("server delete in " + folder + ": skipped, no file");
            return false;
        }
        return serverDelete(folder, any(files));
    }

    private boolean serverDelete(String folder, String path) throws IOException {
        String taken = hands.delete(serverFile(folder, path));
        if (taken != null) {
            ledger.supersede(taken, step);
        }
        log("server delete " + folder + "/" + path + ": took " + ledger.name(taken));
        return taken != null;
    }

    private boolean serverMove(String folder) throws IOException {
        List<String> files = List.copyOf(serverFiles(folder));
        if (files.isEmpty()) {
            log("server move in " + folder + ": skipped, nothing to move");
            return false;
        }
        return serverMove(folder, any(files));
    }

    private boolean serverMove(String folder, String from) throws IOException {
        List<String> free = freePaths(cluster.serverFolder(folder));
        if (free.isEmpty()) {
            log("server move " + folder + "/" + from + ": skipped, nowhere to");
            return false;
        }
        String to = any(free);
        boolean moved = hands.move(serverFile(folder, from), serverFile(folder, to));
        log("server move " + folder + "/" + from + " -> " + to + (moved ? ": " + ledger.name(readQuietly(serverFile(folder, to)))
                : ": skipped, the file is gone"));
        return moved;
    }

    /** What a server user does to one file: mostly a new version, else a delete or a move. */
    private void serverChange(String folder, String path, String what) throws IOException {
        int r = random.nextInt(100);
        if (r < 60) {
            serverSave(folder, path, what);
        }
        else if (r < 80) {
            serverDelete(folder, path);
        }
        else {
            serverMove(folder, path);
        }
    }

    private boolean serverMoveDirectory(String folder) throws IOException {
        Path root = cluster.serverFolder(folder);
        List<String> from = DIRECTORIES.stream().filter(d -> Files.isDirectory(root.resolve(d))).toList();
        List<String> to = DIRECTORIES.stream().filter(d -> !Files.exists(root.resolve(d))).toList();
        if (from.isEmpty() || to.isEmpty()) {
            log("server directory move in " + folder + ": skipped, nothing to move or nowhere to");
            return false;
        }
        String source = any(from);
        String target = any(to);
        boolean moved = hands.move(root.resolve(source), root.resolve(target));
        log("server directory move " + folder + "/" + source + " -> " + target + (moved ? "" : ": skipped, gone"));
        return moved;
    }

    // clients

    private boolean clientEdit(String client) throws IOException {
        List<String> files = editable(client);
        if (files.isEmpty()) {
            log(client + " edit: skipped, no tracked file");
            return false;
        }
        clientSave(client, any(files), "edit");
        return true;
    }

    private void clientSave(String client, String path, String what) throws IOException {
        Ledger.Version v = ledger.record(ledger.draft(client, client + ":" + path, path, step, filler()));
        List<String> taken = hands.save(clientFile(client, path), v.content());
        taken.forEach(t -> ledger.supersede(t, step));
        log(client + " " + what + " " + path + ": " + ledger.names(taken) + " -> " + v.name()
                + (running(client) ? "" : " (while stopped)"));
    }

    private boolean quickSaves(String client) throws IOException {
        List<String> files = editable(client);
        if (files.isEmpty()) {
            log(client + " quick saves: skipped, no tracked file");
            return false;
        }
        String path = any(files);
        int saves = 3 + random.nextInt(3);
        for (int i = 1; i <= saves; i++) {
            clientSave(client, path, "save " + i + "/" + saves);
            if (i < saves) {
                pause(random.nextInt(150));
            }
        }
        return true;
    }

    /**
     * A new file where the client has neither a file nor a base: local-only, and private to it. Half
     * of the time at a path the server's other folder has, so a switch meets it.
     */
    private boolean createLocal(String client) throws IOException {
        if (!running(client)) {
            return false;
        }
        Set<String> bases = bases(client);
        Path folder = cluster.clientHome(client).resolve("folder");
        List<String> free = freePaths(folder).stream().filter(p -> !bases.contains(p)).toList();
        List<String> inOther = free.stream().filter(serverFiles(otherFolder())::contains).toList();
        if (free.isEmpty()) {
            log(client + " create local file: skipped, no free path");
            return false;
        }
        String path = !inOther.isEmpty() && random.nextBoolean() ? any(inOther) : any(free);
        Ledger.Version v = ledger.draft(client, client + ":" + path, path, step, filler());
        if (!hands.create(clientFile(client, path), v.content())) {
            log(client + " create local file " + path + ": skipped, the sync put a file there");
            return false;
        }
        // a base that appeared meanwhile makes it an edit of the server's file, which may travel
        boolean local = !bases(client).contains(path);
        ledger.record(local ? Ledger.privateTo(v, client) : v);
        log(client + " create local file " + path + " = " + v.name() + (local ? "" : " (a base appeared: an edit)"));
        return true;
    }

    /**
     * One file changed on several sides at once: a client's edit (sometimes the other client's too)
     * and, in random order among them, the server's user saving, deleting or moving it.
     */
    private boolean concurrentEdit() throws IOException {
        String client = anyClient();
        List<String> files = editable(client);
        if (files.isEmpty()) {
            log("concurrent edit: skipped, " + client + " has no tracked file");
            return false;
        }
        String path = any(files);
        String other = otherClient(client);
        boolean third = random.nextInt(100) < 40 && clientFiles(other).contains(path);
        List<String> who = new ArrayList<>(List.of(Ledger.SERVER, client));
        if (third) {
            who.add(other);
        }
        Collections.shuffle(who, random);
        log("concurrent change of " + path + " by " + who);
        String folder = activeFolder();
        for (String side : who) {
            if (side.equals(Ledger.SERVER)) {
                serverChange(folder, path, "concurrent edit");
            }
            else {
                clientSave(side, path, "concurrent edit");
            }
        }
        return true;
    }

    /** A client stopped and started again; meanwhile its user and the server's may work on the same files. */
    private boolean restartClient(String client) throws IOException {
        Set<String> bases = bases(client);
        cluster.client(client).stop();
        log(client + " stopped");
        for (int n = random.nextInt(3); n > 0; n--) {
            int r = random.nextInt(10);
            if (r < 4) {
                clientEdit(client);
            }
            else if (r < 6) {
                createLocalWhileStopped(client, bases);
            }
            else {
                // the server's user changes a file the stopped client has: it meets the client's view at the reconcile
                List<String> files = editable(client);
                if (!files.isEmpty()) {
                    serverChange(activeFolder(), any(files), "modify");
                }
            }
        }
        cluster.startClient(client);
        log(client + " started");
        return true;
    }

    /** A new local file while the client is down: the reconcile at start meets it without a base. */
    private void createLocalWhileStopped(String client, Set<String> bases) throws IOException {
        Path folder = cluster.clientHome(client).resolve("folder");
        List<String> free = freePaths(folder).stream().filter(p -> !bases.contains(p)).toList();
        if (free.isEmpty()) {
            return;
        }
        String path = any(free);
        Ledger.Version v = ledger.draft(client, client + ":" + path, path, step, filler());
        if (hands.create(clientFile(client, path), v.content())) {
            ledger.record(Ledger.privateTo(v, client));
            bases.add(path); // taken now
            log(client + " create local file " + path + " = " + v.name() + " (while stopped)");
        }
    }

    private boolean cutConnection(String client) {
        if (!running(client) || !cluster.client(client).connected()) {
            log("cut " + client + "'s connection: skipped, not connected");
            return false;
        }
        if (random.nextInt(100) < 70) {
            cluster.client(client).bean(ServerLink.class).close();
            log("cut " + client + "'s connection (closed by the client)");
            return true;
        }
        for (ClientSession session : cluster.server().bean(ClientSessions.class).ready()) {
            if (session.clientId().equals(client)) {
                session.link().close();
                log("cut " + client + "'s connection (closed by the server)");
                return true;
            }
        }
        log("cut " + client + "'s connection: skipped, no session on the server");
        return false;
    }

    /** The server stopped and started again; meanwhile users on both sides go on editing. */
    private boolean restartServer() throws IOException {
        activeFolder();
        int port = cluster.server().syncPort();
        cluster.server().stop();
        log("server stopped");
        for (int n = random.nextInt(3); n > 0; n--) {
            String client = anyClient();
            List<String> files = editable(client);
            if (files.isEmpty()) {
                continue;
            }
            String path = any(files);
            if (random.nextBoolean()) {
                clientSave(client, path, "edit");
            }
            else {
                serverChange(lastActive, path, "modify");
            }
        }
        cluster.startServer(port);
        log("server started");
        return true;
    }

    private boolean switchFolder() {
        String to = otherFolder();
        cluster.server().bean(ActiveFolder.class).switchTo(to);
        log("server switch to " + to);
        return true;
    }

    // helpers

    private boolean running(String client) {
        SyncCluster.ClientNode node = cluster.client(client);
        return node != null && node.context().isActive();
    }

    /** Every path the client has a base for, in any folder (its state database). */
    private Set<String> bases(String client) {
        StateStore store = cluster.client(client).bean(StateStore.class);
        Set<String> paths = new HashSet<>();
        for (String folder : store.folders()) {
            paths.addAll(store.files(folder).keySet());
        }
        return paths;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            return null;
        }
    }
}
