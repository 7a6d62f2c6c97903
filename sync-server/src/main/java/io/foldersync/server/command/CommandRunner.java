package io.foldersync.server.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.protocol.ErrorCode;
import io.foldersync.server.command.CommandProperties.Command;
import io.foldersync.server.command.RunResult.Outcome;
import io.foldersync.server.permission.Permissions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs configured commands for clients, one run at a time on the whole server (commands work in
 * the active folder, and two of them at once would step on each other's files).
 *
 * <p>A run: the argument list exactly as configured ({@link ProcessBuilder}, no shell), working
 * directory the active folder, stdin closed, stdout and stderr merged, the server's own
 * {@code FOLDERSYNC_*} environment variables (its tokens) removed and a run cookie added (see
 * {@link ProcessTree}). Output is passed on every {@value #FLUSH_MS} ms, up to the command's
 * {@code max-output}. At the timeout every process of the run gets SIGTERM, and SIGKILL
 * {@value #KILL_GRACE_MS} ms later. Processes the command left running in the background when it
 * exited are stopped as well: a run is over when it is over. Each run is logged with the client
 * id, the command and how it ended.
 */
public class CommandRunner implements AutoCloseable {

    private static final Log log = LogFactory.getLog(CommandRunner.class);

    /** How often pending output is passed on (and the timeout checked). */
    static final long FLUSH_MS = 100;

    /** Between SIGTERM and SIGKILL. */
    static final long KILL_GRACE_MS = 2000;

    /** How long the output may keep flowing after the process ended (a grandchild holding the pipe). */
    static final long DRAIN_MS = 2000;

    /** The pause between two looks for processes a command left behind. */
    static final long LEFTOVER_LOOK_MS = 20;

    /** Looks for leftovers at most: a command that keeps forking faster than it is stopped gets a WARN, not a hang. */
    static final int MAX_LEFTOVER_LOOKS = 20;

    /** Where the active folder is: the working directory of a run. */
    public record WorkingFolder(String name, Path path) {
    }

    private final Map<String, Command> commands;

    private final Permissions permissions;

    private final Supplier<WorkingFolder> folder;

    private final Clock clock;

    private final MeterRegistry meters;

    private final AtomicReference<Running> current = new AtomicReference<>();

    private volatile boolean closed;

    public CommandRunner(Map<String, Command> commands, Permissions permissions, Supplier<WorkingFolder> folder,
            Clock clock, MeterRegistry meters) {
        this.commands = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(commands)); // listed by name
        this.permissions = permissions;
        this.folder = folder;
        this.clock = clock;
        this.meters = meters;
    }

    public Map<String, Command> commands() {
        return commands;
    }

    /** The run in progress, if any. */
    public Optional<CommandRun> current() {
        Running running = current.get();
        return running == null ? Optional.empty() : Optional.of(running.run);
    }

    /**
     * Starts {@code name} for {@code clientId}; the listener hears the rest on the run's thread.
     *
     * @throws CommandRefused NOT_ALLOWED (not configured, not granted), BUSY (another run is on),
     *         INTERNAL (the active folder is not usable, or the server is stopping)
     */
    public CommandRun start(String clientId, String name, RunListener listener) throws CommandRefused {
        if (!permissions.mayRun(clientId, name)) {
            throw new CommandRefused(ErrorCode.NOT_ALLOWED, permissions.refuseRun(clientId, name));
        }
        Command command = commands.get(name);
        WorkingFolder where = folder.get();
        if (closed) {
            throw new CommandRefused(ErrorCode.INTERNAL, "the server is stopping");
        }
        if (where == null || where.path() == null || !Files.isDirectory(where.path())) {
            throw new CommandRefused(ErrorCode.INTERNAL, "the active folder is not available; nothing was run");
        }
        CommandRun run = new CommandRun(name, clientId, where.name(), where.path(), clock.instant());
        Running running = new Running(run, command);
        if (!current.compareAndSet(null, running)) {
            CommandRun other = current.get() == null ? null : current.get().run;
            throw new CommandRefused(ErrorCode.BUSY, other == null ? "another command is running; try again"
                    : "command " + other.command() + " (asked by " + other.clientId() + " at " + other.startedAt()
                            + ") is still running; one command runs at a time");
        }
        Thread thread = new Thread(() -> execute(running, listener), "foldersync-command-" + name);
        thread.setDaemon(true);
        try {
            thread.start();
        }
        catch (RuntimeException | OutOfMemoryError e) {
            current.set(null);
            throw new CommandRefused(ErrorCode.INTERNAL, "could not start a thread for the run: " + e);
        }
        return run;
    }

    private void execute(Running running, RunListener listener) {
        CommandRun run = running.run;
        RunResult result;
        try {
            listener.started(run);
            log.info("command " + run.command() + " started for client " + run.clientId() + " in folder "
                    + run.folder() + " (" + run.directory() + "): " + running.command.args());
            result = runProcess(running, listener);
        }
        catch (RuntimeException e) {
            log.error("command " + run.command() + " for client " + run.clientId() + " failed unexpectedly", e);
            result = new RunResult(Outcome.FAILED, null, Duration.between(run.startedAt(), clock.instant()), 0, false,
                    "internal error: " + e.getMessage());
        }
        finally {
            current.set(null);
        }
        logEnd(run, result);
        Counter.builder("foldersync.command.runs").description("Command runs, by command and how they ended")
                .tag("command", run.command()).tag("outcome", result.outcome().wire()).register(meters).increment();
        try {
            listener.finished(run, result);
        }
        catch (RuntimeException e) {
            log.warn("could not report the end of command " + run.command() + " to client " + run.clientId(), e);
        }
    }

    private RunResult runProcess(Running running, RunListener listener) {
        CommandRun run = running.run;
        Command command = running.command;
        ProcessBuilder builder = new ProcessBuilder(command.args())
                .directory(run.directory().toFile())
                .redirectErrorStream(true);
        prepareEnvironment(builder.environment(), running.id);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException e) {
            return new RunResult(Outcome.FAILED, null, since(start), 0, false, "could not start " + command.args().get(0)
                    + ": " + e.getMessage());
        }
        running.process = process;
        try {
            process.getOutputStream().close(); // no input: a command that reads stdin sees its end at once
        }
        catch (IOException e) {
            log.debug("could not close the stdin of command " + run.command(), e);
        }
        OutputBuffer output = new OutputBuffer(command.maxOutput().toBytes());
        Thread reader = startReader(run, process.getInputStream(), output);
        long deadline = start + command.timeout().toNanos();
        boolean timedOut = false;
        try {
            while (!waitFor(process, FLUSH_MS)) {
                pass(run, output, listener);
                if (System.nanoTime() - deadline > 0 || closed) {
                    timedOut = true;
                    killTree(process, running.id);
                    break;
                }
            }
            if (!timedOut) {
                killLeftovers(run, running.id);
            }
            join(reader, DRAIN_MS);
        }
        finally {
            pass(run, output, listener);
        }
        Integer exit = process.isAlive() ? null : process.exitValue();
        String message = timedOut
                ? (closed ? "killed: the server is stopping" : "killed after the timeout of " + human(command.timeout()))
                : null;
        if (output.truncated()) {
            String cut = "output truncated after " + output.kept() + " of " + output.produced() + " bytes (max-output)";
            message = message == null ? cut : message + "; " + cut;
        }
        return new RunResult(timedOut ? Outcome.TIMED_OUT : Outcome.EXITED, exit, since(start), output.kept(),
                output.truncated(), message);
    }

    /** The server's settings (its tokens among them) are not the command's business; the run cookie is. */
    static void prepareEnvironment(Map<String, String> environment, String runId) {
        environment.keySet().removeIf(key -> key.toUpperCase(java.util.Locale.ROOT).startsWith("FOLDERSYNC_"));
        environment.put(ProcessTree.COOKIE, runId);
    }

    private Thread startReader(CommandRun run, InputStream in, OutputBuffer output) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    output.append(buffer, n);
                }
            }
            catch (IOException e) {
                log.debug("output of command " + run.command() + " ended: " + e.getMessage());
            }
        }, "foldersync-command-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void pass(CommandRun run, OutputBuffer output, RunListener listener) {
        byte[] chunk = output.take();
        if (chunk.length > 0) {
            listener.output(run, chunk);
        }
    }

    /** The timeout (or shutdown): SIGTERM to every process of the run, SIGKILL after the grace. */
    private static void killTree(Process process, String runId) {
        ProcessTree.kill(ProcessTree.of(process, runId), KILL_GRACE_MS);
        waitFor(process, KILL_GRACE_MS);
    }

    /** Processes the command left running in the background would hold the output pipe and outlive the run. */
    private static void killLeftovers(CommandRun run, String runId) {
        // A child caught inside execve() shows an empty environment for an instant, and one that
        // forks as it is being stopped starts another: look until two looks a moment apart find none.
        int emptyLooks = 0;
        int stopped = 0;
        for (int look = 0; look < MAX_LEFTOVER_LOOKS && emptyLooks < 2; look++) {
            Set<ProcessHandle> left = ProcessTree.marked(runId);
            left.removeIf(handle -> !ProcessTree.running(handle));
            if (left.isEmpty()) {
                if (++emptyLooks < 2) {
                    sleep(LEFTOVER_LOOK_MS);
                }
                continue;
            }
            emptyLooks = 0;
            stopped += left.size();
            ProcessTree.kill(left, KILL_GRACE_MS);
        }
        if (stopped > 0) {
            log.warn("command " + run.command() + " exited and left " + stopped
                    + " process(es) running in the background; stopped them");
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitFor(Process process, long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void logEnd(CommandRun run, RunResult result) {
        String line = "command " + run.command() + " for client " + run.clientId() + " in folder " + run.folder() + ": "
                + switch (result.outcome()) {
                    case EXITED -> "exit status " + result.exitCode();
                    case TIMED_OUT -> "timed out, killed (exit status " + result.exitCode() + ")";
                    case FAILED -> "failed";
                } + " in " + result.duration().toMillis() + " ms, " + result.outputBytes() + " bytes of output"
                + (result.message() != null ? " (" + result.message() + ")" : "");
        if (result.outcome() == Outcome.EXITED) {
            log.info(line);
        }
        else {
            log.warn(line);
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Stops a run in progress (server shutdown): its process tree is killed as at a timeout. */
    @Override
    public void close() {
        closed = true;
        Running running = current.get();
        if (running != null && running.process != null) {
            killTree(running.process, running.id);
        }
    }

    /** The run in progress and its process, once started. */
    private static final class Running {

        final CommandRun run;

        final Command command;

        /** The cookie in the environment of every process of this run. */
        final String id = java.util.UUID.randomUUID().toString();

        volatile Process process;

        Running(CommandRun run, Command command) {
            this.run = run;
            this.command = command;
        }
    }
}
