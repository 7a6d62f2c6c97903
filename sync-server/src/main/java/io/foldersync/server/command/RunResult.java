package io.foldersync.server.command;

import java.time.Duration;

/**
 * How a run ended.
 *
 * @param exitCode the process's exit status (after a kill: the status the kill gave it), null when it did not start
 * @param outputBytes bytes of output sent (at most the command's {@code max-output})
 * @param truncated true when the process wrote more than that
 * @param message a sentence for people: why it failed, that it was killed, or null
 */
public record RunResult(Outcome outcome, Integer exitCode, Duration duration, long outputBytes, boolean truncated,
        String message) {

    public enum Outcome {
        /** The process ended by itself; see the exit code. */
        EXITED("exited"),
        /** The timeout passed: the process and everything it started were killed. */
        TIMED_OUT("timed-out"),
        /** The process could not be started (program not found, not executable...). */
        FAILED("failed");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        /** The name in COMMAND_DONE.outcome. */
        public String wire() {
            return wire;
        }
    }
}
