package io.foldersync.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class ProcessTreeTest {

    @TempDir
    Path folder;

    /** The CI failure of 2026-12-01: an orphan killed in a container whose init does not reap stays a zombie. */
    @Test
    void aZombieHasEndedThoughTheJdkCallsItAlive() throws Exception {
        Path pid = folder.resolve("pid");
        // the short sleeper's parent becomes the long one (exec), which never reaps it: a zombie for 30 s
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & echo $! > pid; exec sleep 30")
                .directory(folder.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());
            ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> state(child) == 'Z');
            assertThat(child.isAlive()).as("the JDK's view of a zombie").isTrue();
            assertThat(ProcessTree.running(child)).isFalse();
            assertThat(ProcessTree.running(parent.toHandle())).isTrue();
        }
        finally {
            parent.destroyForcibly().waitFor();
        }
        assertThat(ProcessTree.running(parent.toHandle())).isFalse();
    }

    @Test
    void killingAZombieReturnsAtOnceInsteadOfWaitingOutTheGrace() throws Exception {
        Path pid = folder.resolve("pid");
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & echo $! > pid; exec sleep 30")
                .directory(folder.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());
            ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> state(child) == 'Z');
            long start = System.nanoTime();
            ProcessTree.kill(Set.of(child), 5_000);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
        finally {
            parent.destroyForcibly().waitFor();
        }
    }

    private static char state(ProcessHandle process) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
