package io.foldersync.server.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which kept versions a pruning round deletes: by age, then by count oldest first, never within the grace hour. */
class ConflictPrunerTest {

    static final long NOW = 1_800_000_000_000L;

    static final Duration DAY = Duration.ofDays(1);

    private static ConflictRecord keptAgo(long id, Duration ago) {
        return new ConflictRecord(id, "docs", "f" + id + ".txt", "00", 0, 1, "alpha", "server",
                NOW - ago.toMillis(), "docs/f" + id);
    }

    private static List<Long> ids(List<ConflictRecord> records) {
        return records.stream().map(ConflictRecord::id).toList();
    }

    @Test
    void prunesVersionsOlderThanTheMaximumAge() {
        List<ConflictRecord> kept = List.of(keptAgo(1, DAY.multipliedBy(31)), keptAgo(2, DAY.multipliedBy(29)),
                keptAgo(3, DAY.multipliedBy(40)));
        assertThat(ids(ConflictPruner.toPrune(kept, NOW, DAY.multipliedBy(30), 1000))).containsExactly(3L, 1L);
    }

    @Test
    void beyondTheCountPrunesTheOldestFirst() {
        List<ConflictRecord> kept = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            kept.add(keptAgo(id, Duration.ofHours(10 - id))); // 1 is the oldest
        }
        assertThat(ids(ConflictPruner.toPrune(kept, NOW, DAY.multipliedBy(30), 3))).containsExactly(1L, 2L);
    }

    @Test
    void neverPrunesAVersionKeptWithinTheGraceHourEvenBeyondTheCount() {
        List<ConflictRecord> kept = List.of(keptAgo(1, Duration.ofMinutes(59)), keptAgo(2, Duration.ofMinutes(1)),
                keptAgo(3, Duration.ZERO), keptAgo(4, Duration.ofHours(2)));
        assertThat(ids(ConflictPruner.toPrune(kept, NOW, Duration.ofHours(1), 1))).containsExactly(4L);
    }

    @Test
    void withinAgeAndCountNothingIsPruned() {
        List<ConflictRecord> kept = List.of(keptAgo(1, DAY), keptAgo(2, DAY.multipliedBy(2)));
        assertThat(ConflictPruner.toPrune(kept, NOW, DAY.multipliedBy(30), 2)).isEmpty();
        assertThat(ConflictPruner.toPrune(List.of(), NOW, DAY, 1)).isEmpty();
    }
}
