package io.foldersync.client.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RefusedEditsTest {

    static final long SECOND = Duration.ofSeconds(1).toNanos();

    final RefusedEdits refused = new RefusedEdits();

    @Test
    void nothingRefusedIsNeverDue() {
        assertThat(refused.due("docs", 0)).isFalse();
    }

    @Test
    void aFirstRefusalIsSentAgainAtTheNextSummaryThenTheWaitGrows() {
        assertThat(refused.refused("docs", "a.txt", 0)).isEqualTo(1);
        assertThat(refused.due("docs", 5 * SECOND)).isTrue();
        assertThat(refused.due("docs", 10 * SECOND)).as("sent again already, no answer yet").isFalse();
        assertThat(refused.refused("docs", "a.txt", 11 * SECOND)).isEqualTo(2);
        assertThat(refused.due("docs", 40 * SECOND)).as("29 s after the second refusal").isFalse();
        assertThat(refused.due("docs", 41 * SECOND)).isTrue();
    }

    @Test
    void anAcceptedEditIsForgottenAndItsCountStartsAgain() {
        refused.refused("docs", "a.txt", 0);
        refused.refused("docs", "a.txt", SECOND);
        refused.accepted("docs", "a.txt");
        assertThat(refused.due("docs", 2 * SECOND)).isFalse();
        assertThat(refused.refused("docs", "a.txt", 3 * SECOND)).isEqualTo(1);
    }

    @Test
    void onePathRefusedOftenDoesNotHoldBackAnothersFirstRetry() {
        for (int i = 0; i < 5; i++) {
            refused.refused("docs", "big.txt", i * SECOND);
        }
        refused.refused("docs", "small.txt", 10 * SECOND);
        assertThat(refused.due("docs", 15 * SECOND)).isTrue();
    }

    @Test
    void anEditSentAgainAndNeverAnsweredIsForgottenAfterAWhile() {
        refused.refused("docs", "a.txt", 0);
        assertThat(refused.due("docs", SECOND)).isTrue();
        // reverted meanwhile: the reconcile had nothing to send, so no answer ever comes
        long later = SECOND + RefusedEdits.UNANSWERED.toNanos();
        assertThat(refused.due("docs", later)).isFalse();
        assertThat(refused.refused("docs", "a.txt", later)).as("a new refusal counts from one").isEqualTo(1);
    }

    @Test
    void anEditRefusedOftenGoesAtOnceWhenTheServerNoLongerSaysItIsShortOfSpace() {
        for (int i = 0; i < 5; i++) {
            refused.refused("docs", "a.txt", i * SECOND);
        }
        refused.serverSpace("docs", true);
        assertThat(refused.due("docs", 10 * SECOND)).as("still short: its wait of minutes holds").isFalse();
        refused.serverSpace("docs", false);
        assertThat(refused.due("docs", 15 * SECOND)).as("space freed on the server").isTrue();
        assertThat(refused.due("docs", 20 * SECOND)).as("sent again already, no answer yet").isFalse();
    }

    @Test
    void aSummaryThatNeverSaidShortLeavesTheWaitAlone() {
        for (int i = 0; i < 5; i++) {
            refused.refused("docs", "a.txt", i * SECOND);
        }
        // an older server, or a refusal that was not about space: nothing changed that the client can see
        refused.serverSpace("docs", false);
        assertThat(refused.due("docs", 10 * SECOND)).isFalse();
    }

    @Test
    void onlyShortAfterTheLatestRefusalCounts() {
        refused.refused("docs", "a.txt", 0);
        refused.refused("docs", "a.txt", SECOND);
        refused.serverSpace("docs", true);
        refused.refused("docs", "a.txt", 2 * SECOND); // refused again: what was seen before it says nothing of now
        refused.serverSpace("docs", false);
        assertThat(refused.due("docs", 3 * SECOND)).isFalse();
        refused.serverSpace("notes", true);
        refused.serverSpace("notes", false);
        assertThat(refused.due("docs", 4 * SECOND)).as("another folder's space").isFalse();
    }

    @Test
    void anotherFoldersRefusalsGoWithTheSwitch() {
        refused.refused("docs", "a.txt", 0);
        assertThat(refused.due("notes", SECOND)).isFalse();
        assertThat(refused.due("docs", 2 * SECOND)).isFalse();
    }
}
