package io.foldersync.apply;

import java.io.IOException;

import io.foldersync.reconcile.Observed;

/** What became of one {@link Step}. */
public sealed interface Outcome {

    Step step();

    /** Done; {@code keptAs} names the copy the keeper made of what was in the way, or null. */
    record Applied(Step step, String keptAs) implements Outcome {
    }

    /**
     * Not done: the path held something the plan did not expect ({@code found}; its mtime is not
     * known, 0), or a new file appeared while the step ran. The user's version is back in place
     * or kept by the keeper; the caller looks again and decides again.
     */
    record Changed(Step step, Observed found) implements Outcome {
    }

    /** Not done because of trouble with this one path (unreadable, read-only, disk full...). */
    record Failed(Step step, IOException error) implements Outcome {
    }
}
