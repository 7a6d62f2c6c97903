package io.foldersync.model;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.awaitility.core.ConditionTimeoutException;

import io.foldersync.e2e.SyncCluster;

/**
 * One run of the model: a real server with two folders and two real clients (whole Spring
 * contexts over loopback, {@link SyncCluster}), driven in rounds. A round is one to four random
 * {@link Action}s, back to back or with short pauses, so they race the sync and each other; then
 * the run waits (bounded) until the dust has settled and asks the {@link Oracle}. Every action is
 * logged as a step; a failure reports the seed, what is wrong, where every live version is, what
 * every side holds, and the steps so far.
 *
 * <p>The choices of round {@code r} come from a {@link Random} seeded with the run's seed and
 * {@code r}, and candidates are taken in sorted order, so a replay with the same seed makes the
 * same choices as long as the world it meets is the same. What a race decides (which of two
 * crossing edits the server sees first, which wins on its modification time) can differ between
 * runs: a failure that hangs on a race may need a few replays, or the steps it printed, to show
 * again.
 */
final class ModelRun {

    /** The bound of a round's settling: several intervals (5 s) of reconcile, plus reconnects and restarts on 2 busy cores. */
    static final Duration SETTLE = Duration.ofSeconds(60);

    /** How long the world must stay settled before the oracle looks: longer than a watcher batch and a round trip. */
    static final Duration QUIET = Duration.ofMillis(1000);

    /** The figures of a finished run. */
    record Figures(long seed, int rounds, int actions, Map<Action, Integer> done, int skipped, int versions,
            int conflicts, int clientCopies, int copiesOfOthers, Duration took, Duration settleMax, Duration settleTotal) {

        @Override
        public String toString() {
            return "seed=" + seed + " rounds=" + rounds + " actions=" + actions + " (skipped " + skipped + ") versions="
                    + versions + " server conflicts=" + conflicts + " client conflict copies=" + clientCopies + " (of others' versions: "
                    + copiesOfOthers + ") in "
                    + seconds(took) + " s; settling took " + seconds(settleTotal) + " s in all, at most "
                    + seconds(settleMax) + " s; done: " + done;
        }

        private static double seconds(Duration d) {
            return d.toMillis() / 1000.0;
        }
    }

    private final Path base;

    private final long seed;

    private final int rounds;

    private final Ledger ledger = new Ledger();

    private final StepLog log = new StepLog();

    private final Map<Action, Integer> done = new EnumMap<>(Action.class);

    private SyncCluster cluster;

    private int round;

    private int actions;

    private int skipped;

    private Duration settleMax = Duration.ZERO;

    private Duration settleTotal = Duration.ZERO;

    ModelRun(Path base, long seed, int rounds) {
        this.base = base;
        this.seed = seed;
        this.rounds = rounds;
    }

    Figures run() throws IOException {
        long start = System.nanoTime();
        cluster = SyncCluster.create(base.resolve("cluster"), Model.FOLDERS.toArray(String[]::new));
        try {
            Model model = new Model(cluster, new Hands(base.resolve("scratch")), ledger, log, new Random(mix(seed)));
            Actions users = new Actions(model);
            seedFiles(model);
            cluster.startServer();
            Model.CLIENTS.forEach(cluster::startClient);
            settleAndCheck();
            for (round = 1; round <= rounds; round++) {
                model.random(new Random(mix(seed + round * 0x9E3779B97F4A7C15L)));
                int count = 1 + model.random().nextInt(4);
                for (int i = 1; i <= count; i++) {
                    log.step("r" + round + "." + i);
                    act(users, Action.pick(model.random()));
                    users.pauseMaybe();
                }
                log.step("r" + round);
                settleAndCheck();
            }
            World end = World.capture(cluster, Model.FOLDERS, Model.CLIENTS, true);
            int copies = 0;
            int ofOthers = 0;
            for (World.ClientView client : end.clients().values()) {
                for (Map.Entry<String, String> file : client.files().entrySet()) {
                    if (Oracle.isConflictCopy(file.getKey())) {
                        copies++;
                        if (!ledger.authoredBy(file.getValue(), client.name())) {
                            ofOthers++;
                            log.log("note: " + client.name() + ":" + file.getKey() + " keeps " + ledger.of(file.getValue())
                                    + ", which its user did not write");
                        }
                    }
                }
            }
            return new Figures(seed, rounds, actions, done, skipped, ledger.all().size(), end.conflicts().size(), copies,
                    ofOthers, Duration.ofNanos(System.nanoTime() - start), settleMax, settleTotal);
        }
        finally {
            cluster.close();
        }
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

    private void seedFiles(Model model) throws IOException {
        for (String path : List.of("a.txt", "b.txt", "d1/c.txt")) {
            seed(model, "docs", path);
        }
        for (String path : List.of("a.txt", "d.md", "d2/deep/b.txt")) {
            seed(model, "notes", path);
        }
    }

    private void seed(Model model, String folder, String path) throws IOException {
        Ledger.Version v = ledger.draft(Ledger.SEED, folder + "/" + path, path, "r0", model.filler());
        model.hands.create(model.serverFile(folder, path), v.bytes());
        ledger.record(v);
        log.log("seed " + folder + "/" + path + " = " + v.name());
    }

    private void act(Actions users, Action action) {
        boolean did;
        try {
            did = users.act(action);
        }
        catch (IOException | RuntimeException e) {
            throw failure(action + " failed: " + e, List.of(e.toString()), world(), e);
        }
        actions++;
        if (did) {
            done.merge(action, 1, Integer::sum);
        }
        else {
            skipped++;
        }
    }

    // ------------------------------------------------------------------ settling and the oracle

    private void settleAndCheck() {
        long start = System.nanoTime();
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        try {
            await().atMost(SETTLE).during(QUIET).pollInterval(Duration.ofMillis(100)).until(() -> {
                List<String> problems;
                try {
                    problems = Oracle.unsettled(World.capture(cluster, Model.FOLDERS, Model.CLIENTS, false), ledger);
                }
                catch (RuntimeException e) {
                    problems = List.of("could not look: " + e);
                }
                last.set(0, problems);
                return problems.isEmpty();
            });
        }
        catch (ConditionTimeoutException e) {
            throw failure("did not settle within " + SETTLE.toSeconds() + " s", last.get(0), world(), null);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        settleTotal = settleTotal.plus(took);
        settleMax = took.compareTo(settleMax) > 0 ? took : settleMax;
        World world = World.capture(cluster, Model.FOLDERS, Model.CLIENTS, true);
        List<String> problems = new ArrayList<>(Oracle.unsettled(world, ledger));
        problems.addAll(Oracle.violations(world, ledger));
        if (!problems.isEmpty()) {
            throw failure("the oracle found problems after round " + round, problems, world, null);
        }
        log.log("settled in " + took.toMillis() + " ms: " + world.active() + " has "
                + world.serverFolders().get(world.active()).size() + " files, " + world.conflicts().size()
                + " kept conflicts, " + ledger.live().size() + " live versions");
    }

    /** The world for a failure report: with the conflict store when the server answers. */
    private World world() {
        try {
            return World.capture(cluster, Model.FOLDERS, Model.CLIENTS, true);
        }
        catch (RuntimeException e) {
            return World.capture(cluster, Model.FOLDERS, Model.CLIENTS, false);
        }
    }

    private AssertionError failure(String headline, List<String> problems, World world, Throwable cause) {
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
        log.lines().forEach(s -> message.append("  ").append(s).append('\n'));
        return new AssertionError(message.toString(), cause);
    }
}
