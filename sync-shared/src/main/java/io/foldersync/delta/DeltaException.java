package io.foldersync.delta;

import java.io.IOException;

/**
 * A delta that cannot be used. Whatever the reason, the right answer is the same: send (or ask
 * for) the whole file. The reason tells the log and the metrics what happened.
 */
public class DeltaException extends IOException {

    public enum Reason {
        /** The bytes are not a valid chunk list or recipe (a peer bug or a damaged transfer). */
        MALFORMED,
        /** The recipe needs a larger result or base than allowed. */
        TOO_LARGE,
        /** The recipe was built against another base than the one this side has. */
        BASE_MISMATCH,
        /** The rebuilt content does not hash to the declared SHA-256: never used, never a wrong file. */
        RESULT_MISMATCH,
        /** The sender's file changed while the recipe was being built from it. */
        CONTENT_CHANGED
    }

    private final Reason reason;

    public DeltaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
