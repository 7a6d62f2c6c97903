package io.foldersync.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import io.foldersync.protocol.ErrorCode;
import io.foldersync.server.command.CommandProperties.Command;
import io.foldersync.server.command.RunResult.Outcome;
import io.foldersync.server.permission.Permissions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The command runner with real processes ({@code sh}, {@code sleep}, {@code printf}, {@code seq}):
 * what runs is exactly the configured argument list, in the active folder, one run at a time,
 * bounded in time (the whole process tree is killed) and in output.
 */
class CommandRunnerTest {

    @TempDir
    Path folder;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    CommandRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    static Command command(Duration timeout, DataSize maxOutput, String... args) {
        return new Command(List.of(args), timeout, List.of("alpha"), null, maxOutput);
    }

    CommandRunner runner(Map<String, Command> commands) {
        Map<String, List<String>> clients = new LinkedHashMap<>();
        commands.forEach((name, command) -> clients.put(name, command.clients()));
        runner = new CommandRunner(commands, new Permissions(List.of(), clients, meters),
                () -> new CommandRunner.WorkingFolder("docs", folder), Clock.systemUTC(), meters);
        return runner;
    }

    /** Collects what a run reports; {@link #done} completes with the result. */
    static final class Recorder implements RunListener {

        final ByteArrayOutputStream output = new ByteArrayOutputStream();

        final List<String> order = new CopyOnWriteArrayList<>();

        final CompletableFuture<RunResult> done = new CompletableFuture<>();

        @Override
        public void started(CommandRun run) {
            order.add("started");
        }

        @Override
        public synchronized void output(CommandRun run, byte[] chunk) {
            order.add("output");
            output.writeBytes(chunk);
        }

        @Override
        public void finished(CommandRun run, RunResult result) {
            order.add("finished");
            done.complete(result);
        }

        synchronized String text() {
            return output.toString(StandardCharsets.UTF_8);
        }

        RunResult result() throws Exception {
            return done.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void passesTheArgumentListAsGivenWithNoShellInTheWay() throws Exception {
        runner(Map.of("echo", command(Duration.ofSeconds(10), DataSize.ofKilobytes(64),
                "printf", "[%s]\\n", "two words", "$HOME", "*", "; rm -rf /", "`id`", "'quoted'")));
        Recorder recorder = new Recorder();
        runner.start("alpha", "echo", recorder);
        RunResult result = recorder.result();
        assertThat(result.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(result.exitCode()).isZero();
        assertThat(recorder.text()).isEqualTo("[two words]\n[$HOME]\n[*]\n[; rm -rf /]\n[`id`]\n['quoted']\n");
        assertThat(recorder.order).startsWith("started").endsWith("finished");
    }

    @Test
    void runsInTheActiveFolderAndReportsTheExitStatusAndStderr() throws Exception {
        Files.writeString(folder.resolve("here.txt"), "x");
        runner(Map.of("check", command(Duration.ofSeconds(10), DataSize.ofKilobytes(64),
                "sh", "-c", "ls; echo oops >&2; exit 3")));
        Recorder recorder = new Recorder();
        runner.start("alpha", "check", recorder);
        RunResult result = recorder.result();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(recorder.text()).contains("here.txt").contains("oops");
        assertThat(result.duration()).isPositive();
        assertThat(meters.counter("foldersync.command.runs", "command", "check", "outcome", "exited").count()).isEqualTo(1);
    }

    @Test
    void keepsTheServersTokensOutOfTheCommandsEnvironment() {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PATH", "/usr/bin",
                "FOLDERSYNC_TOKEN", "secret-0123456789", "foldersync_admintoken", "secret-0123456789", "HOME", "/h"));
        CommandRunner.prepareEnvironment(environment, "run-1");
        assertThat(environment).containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("HOME", "/h"),
                Map.entry(ProcessTree.COOKIE, "run-1"));
    }

    @Test
    void marksEveryProcessOfARunWithItsCookie() throws Exception {
        runner(Map.of("env", command(Duration.ofSeconds(10), DataSize.ofKilobytes(256), "env")));
        Recorder recorder = new Recorder();
        runner.start("alpha", "env", recorder);
        recorder.result();
        assertThat(recorder.text()).contains("PATH=").containsPattern(ProcessTree.COOKIE + "=[0-9a-f-]{36}\n");
    }

    @Test
    void killsTheWholeProcessTreeAtTheTimeout() throws Exception {
        Path pids = folder.resolve("pids");
        // a shell that starts a background sleeper and a foreground one, and records their pids
        runner(Map.of("hang", command(Duration.ofSeconds(1), DataSize.ofKilobytes(64),
                "sh", "-c", "sleep 300 & echo $! > pids; sleep 301 & echo $! >> pids; echo started; wait")));
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        runner.start("alpha", "hang", recorder);
        RunResult result = recorder.result();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.message()).contains("timeout");
        assertThat(recorder.text()).contains("started");
        List<Long> children = Files.readAllLines(pids).stream().map(String::trim).map(Long::parseLong).toList();
        assertThat(children).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(children)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessTree::running).orElse(false))
                        .as("process " + pid + " is alive").isFalse()));
        assertThat(runner.current()).isEmpty();
    }

    @Test
    void killsWhatACommandLeftRunningInTheBackgroundWhenItExits() throws Exception {
        Path pids = folder.resolve("pids");
        runner(Map.of("daemon", command(Duration.ofSeconds(30), DataSize.ofKilobytes(64),
                "sh", "-c", "sleep 300 & echo $! > pids; echo bye")));
        Recorder recorder = new Recorder();
        runner.start("alpha", "daemon", recorder);
        RunResult result = recorder.result();
        assertThat(result.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
        long pid = Long.parseLong(Files.readString(pids).trim());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !ProcessHandle.of(pid).map(ProcessTree::running).orElse(false));
    }

    @Test
    void boundsTheOutputAndSaysSo() throws Exception {
        // about 6.9 MB of output against a bound of 64 KB: the process is drained, not blocked
        runner(Map.of("chatty", command(Duration.ofSeconds(20), DataSize.ofKilobytes(64), "seq", "1", "1000000")));
        Recorder recorder = new Recorder();
        runner.start("alpha", "chatty", recorder);
        RunResult result = recorder.result();
        assertThat(result.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(result.exitCode()).isZero();
        assertThat(recorder.output.size()).isEqualTo(64 * 1024);
        assertThat(result.outputBytes()).isEqualTo(64 * 1024);
        assertThat(result.truncated()).isTrue();
        assertThat(result.message()).contains("truncated");
        assertThat(recorder.text()).startsWith("1\n2\n3\n");
    }

    @Test
    void runsOneCommandAtATime() throws Exception {
        runner(Map.of("slow", command(Duration.ofSeconds(20), DataSize.ofKilobytes(64), "sleep", "1"),
                "fast", command(Duration.ofSeconds(20), DataSize.ofKilobytes(64), "true")));
        Recorder first = new Recorder();
        runner.start("alpha", "slow", first);
        assertThatThrownBy(() -> runner.start("alpha", "fast", new Recorder()))
                .isInstanceOfSatisfying(CommandRefused.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BUSY);
                    assertThat(e.getMessage()).contains("slow").contains("one command runs at a time");
                });
        assertThatThrownBy(() -> runner.start("alpha", "slow", new Recorder())).isInstanceOf(CommandRefused.class);
        first.result();
        // once it is over, the next one runs
        Recorder second = new Recorder();
        runner.start("alpha", "fast", second);
        assertThat(second.result().exitCode()).isZero();
    }

    @Test
    void refusesACommandThatIsNotConfiguredOrNotGranted() {
        runner(Map.of("mine", command(Duration.ofSeconds(5), DataSize.ofKilobytes(64), "true")));
        assertThatThrownBy(() -> runner.start("alpha", "rm", new Recorder()))
                .isInstanceOfSatisfying(CommandRefused.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("no command rm is configured");
                });
        assertThatThrownBy(() -> runner.start("beta", "mine", new Recorder()))
                .isInstanceOfSatisfying(CommandRefused.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("client beta may not run command mine");
                });
        assertThat(meters.counter("foldersync.permission.denied", "action", "run-command").count()).isEqualTo(2);
        assertThat(runner.current()).isEmpty();
    }

    @Test
    void reportsAProgramThatCannotStart() throws Exception {
        runner(Map.of("missing", command(Duration.ofSeconds(5), DataSize.ofKilobytes(64), "/no/such/program")));
        Recorder recorder = new Recorder();
        runner.start("alpha", "missing", recorder);
        RunResult result = recorder.result();
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.exitCode()).isNull();
        assertThat(result.message()).contains("could not start /no/such/program");
        assertThat(runner.current()).isEmpty();
    }
}
