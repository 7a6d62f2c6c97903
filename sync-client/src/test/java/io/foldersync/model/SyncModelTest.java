package io.foldersync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's randomised model test: random sequences of user actions (edits on the server and on
 * both clients, quick saves, new local files, concurrent edits of one file, server creates,
 * deletes, renames and directory moves, client restarts, cut connections, server restarts and
 * folder switches) against a real server with two folders and two real clients, checked after
 * every round by the {@link Oracle}: the mirrors agree, and every version a user saved is current
 * somewhere or kept as a conflict copy. See {@link ModelRun} for the rounds and {@link Oracle} for
 * the rules.
 *
 * <p>The seed is printed at the start; {@code -Dmodel.seed=N} replays a run and
 * {@code -Dmodel.rounds=N} sets its length. The default run is short (it is part of every build);
 * {@code ./mvnw -B verify -Psoak} runs the long one.
 */
class SyncModelTest {

    /** Rounds of the run in every build: about half a minute on 2 busy cores. */
    static final int DEFAULT_ROUNDS = 8;

    /** Rounds of the soak run (-Psoak): some ten minutes. */
    static final int SOAK_ROUNDS = 200;

    @TempDir
    Path base;

    @Test
    void randomEditsCutsRestartsAndSwitchesConvergeAndLoseNoVersion() throws Exception {
        run(DEFAULT_ROUNDS);
    }

    @Test
    @Tag("soak")
    void soak() throws Exception {
        run(SOAK_ROUNDS);
    }

    private void run(int defaultRounds) throws Exception {
        long seed = Long.getLong("model.seed", new SecureRandom().nextLong());
        int rounds = Integer.getInteger("model.rounds", defaultRounds);
        System.out.println("[model] seed=" + seed + " rounds=" + rounds + " (replay with -Dmodel.seed=" + seed
                + " -Dmodel.rounds=" + rounds + ")");
        ModelRun.Figures figures = new ModelRun(base, seed, rounds).run();
        System.out.println("[model] passed: " + figures);
        assertThat(figures.rounds()).isEqualTo(rounds);
    }
}
