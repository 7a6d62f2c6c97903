package io.foldersync.server.command;

/**
 * What a run tells the one who asked for it, in this order, all on the run's own thread:
 * {@code started} once, {@code output} for each piece of output (in order), {@code finished} once.
 */
public interface RunListener {

    void started(CommandRun run);

    void output(CommandRun run, byte[] chunk);

    void finished(CommandRun run, RunResult result);
}
