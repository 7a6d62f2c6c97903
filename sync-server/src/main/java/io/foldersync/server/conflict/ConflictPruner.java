package io.foldersync.server.conflict;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes kept conflict versions (row and stored file) by age and count, on a thread of its own
 * every {@link #EVERY}. A version is never pruned on first sight: one kept less than
 * {@link #GRACE} ago stays even when the count is exceeded, so an operator always has time to
 * see (in {@code /api/conflicts}) and restore what a conflict set aside.
 */
public class ConflictPruner implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(ConflictPruner.class);

    /** The youngest a version may be to be pruned, whatever max-age and max-count say. */
    public static final Duration GRACE = Duration.ofHours(1);

    /** Period of the pruning (the first run one minute after start). */
    static final Duration EVERY = Duration.ofHours(1);

    private final ConflictKeeper keeper;

    private final ConflictRepository repository;

    private final ConflictProperties properties;

    private final Clock clock;

    private volatile ScheduledExecutorService thread;

    private volatile ScheduledFuture<?> task;

    public ConflictPruner(ConflictKeeper keeper, ConflictRepository repository, ConflictProperties properties,
            Clock clock) {
        this.keeper = keeper;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The versions to prune: those older than {@code maxAge}, then the oldest of the rest while
     * more than {@code maxCount} remain; none kept after {@code now - GRACE}. Pure, for tests.
     */
    public static List<ConflictRecord> toPrune(List<ConflictRecord> kept, long now, Duration maxAge, int maxCount) {
        long graceLimit = now - GRACE.toMillis();
        long ageLimit = now - maxAge.toMillis();
        List<ConflictRecord> oldestFirst = new ArrayList<>(kept);
        oldestFirst.sort(Comparator.comparingLong(ConflictRecord::keptAt).thenComparing(ConflictRecord::id,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        List<ConflictRecord> prune = new ArrayList<>();
        int remaining = oldestFirst.size();
        for (ConflictRecord record : oldestFirst) {
            if (record.keptAt() > graceLimit) {
                break; // at this point everything left is younger than the grace: it all stays
            }
            if (record.keptAt() < ageLimit || remaining > maxCount) {
                prune.add(record);
                remaining--;
            }
        }
        return prune;
    }

    /** One pruning round; returns how many versions were deleted. */
    public int prune() {
        List<ConflictRecord> doomed = toPrune(repository.findAll(), clock.millis(), properties.maxAge(),
                properties.maxCount());
        int deleted = 0;
        for (ConflictRecord record : doomed) {
            try {
                // the file first: a row without its file would promise content that is gone
                Files.deleteIfExists(keeper.file(record));
                repository.delete(record);
                deleted++;
            }
            catch (IOException | RuntimeException e) {
                log.warn("could not prune conflict #" + record.id() + " (" + record.folder() + "/" + record.path()
                        + "); retrying at the next round: " + e.getMessage());
            }
        }
        if (deleted > 0) {
            log.info("pruned " + deleted + " kept conflict versions (max-age " + properties.maxAge() + ", max-count "
                    + properties.maxCount() + ")");
        }
        return deleted;
    }

    @Override
    public void start() {
        ScheduledExecutorService fresh = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "foldersync-conflict-pruner");
            t.setDaemon(true);
            return t;
        });
        thread = fresh;
        task = fresh.scheduleWithFixedDelay(() -> {
            try {
                prune();
            }
            catch (RuntimeException | Error e) { // NOPMD an Error too: a periodic task that throws never runs again
                log.error("pruning kept conflict versions failed; it runs again in " + EVERY, e);
            }
        }, 60, EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = thread;
        if (current != null) {
            current.shutdownNow();
        }
        task = null;
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}
