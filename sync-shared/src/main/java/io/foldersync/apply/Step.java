package io.foldersync.apply;

import io.foldersync.reconcile.Observed;

/**
 * One action on a synchronised folder, with what the plan assumed is at the path now
 * ({@code expect}). The applier acts only when what it takes out of the way is exactly that;
 * anything else is a concurrent local edit, which is put back (or kept) and reported, never lost.
 */
public sealed interface Step {

    /** The path the step takes out of the way (for a move: its source). */
    String path();

    Observed expect();

    /**
     * Put {@code content} at {@code path} with modification time {@code mtime}. With
     * {@code keepTaken}, what was there is handed to the {@link Keeper} first (a conflict copy).
     */
    record Write(String path, Staged content, long mtime, Observed expect, boolean keepTaken) implements Step {
    }

    /** Remove the file at {@code path} (and the directories its removal leaves empty). */
    record Delete(String path, Observed expect) implements Step {
    }

    /** Move the file at {@code path} to {@code to}, which must be free; content and mtime travel unchanged. */
    record Move(String path, String to, Observed expect) implements Step {
    }

    /** Hand the file at {@code path} to the {@link Keeper}, leaving the path free. */
    record KeepAside(String path, Observed expect) implements Step {
    }
}
