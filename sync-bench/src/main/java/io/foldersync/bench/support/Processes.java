package io.foldersync.bench.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts the child processes and makes sure none outlives the benchmark: a shutdown hook kills
 * whatever is still running when the benchmark ends or is interrupted (Ctrl-C).
 */
public final class Processes {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Processes::killAll, "bench-cleanup"));
    }

    private Processes() {
    }

    /** Starts a command with its output (both streams) going to a log file. */
    public static Process start(List<String> command, Path log, Path workingDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(new File("/dev/null"));
        Process process = builder.start();
        RUNNING.add(process);
        return process;
    }

    /** SIGTERM, then SIGKILL when it has not ended within the grace period. Returns the exit code. */
    public static int stop(Process process, long graceSeconds) {
        try {
            process.destroy();
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                System.err.println("process " + process.pid() + " did not stop within " + graceSeconds + " s; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return process.isAlive() ? -1 : process.exitValue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
        finally {
            RUNNING.remove(process);
        }
    }

    static void killAll() {
        for (Process process : RUNNING) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * A command run to its end.
     *
     * @param exit its exit code, or -1 when it was killed at the timeout
     * @param output standard output and error, interleaved
     * @param elapsedNanos from just before the start to just after the exit was seen
     */
    public record Result(int exit, String output, long elapsedNanos) {

        public boolean ok() {
            return exit == 0;
        }
    }

    /**
     * Runs a command to its end, or kills it at the timeout (exit -1). Output goes through a file, so
     * the wait is bounded even when the command hangs with its output open.
     */
    public static Result execute(List<String> command, long timeoutSeconds) throws IOException {
        Path output = Files.createTempFile("bench-cmd-", ".out");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(new File("/dev/null")).start();
            RUNNING.add(process);
            try {
                boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
                long elapsed = System.nanoTime() - start;
                if (!ended) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                return new Result(ended ? process.exitValue() : -1, new String(Files.readAllBytes(output), StandardCharsets.UTF_8),
                        elapsed);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
            finally {
                RUNNING.remove(process);
            }
        }
        finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs a short command and returns its output; a non-zero exit or a timeout is an error. */
    public static String run(List<String> command, long timeoutSeconds) throws IOException {
        Result result = execute(command, timeoutSeconds);
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + (result.exit() < 0 ? " did not end within " + timeoutSeconds
                    + " s" : " exited with " + result.exit()) + ": " + result.output().strip());
        }
        return result.output();
    }
}
