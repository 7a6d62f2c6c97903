package io.foldersync.server.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds and kills every process of a run. Children are found as descendants while their parents
 * live; a process that was orphaned (re-parented to init, say by {@code cmd &} in a script that
 * already exited) is no one's descendant any more, so each run also marks its environment with
 * a cookie ({@value #COOKIE}{@code =<run id>}) that every process it starts inherits, and the
 * cookie is looked for in {@code /proc/<pid>/environ} (the way Jenkins' ProcessTreeKiller finds
 * a build's processes). A process that clears its environment escapes the cookie, not the
 * descendant walk while its parent lives.
 */
final class ProcessTree {

    /** The environment variable that marks every process of a run. */
    static final String COOKIE = "FOLDERSYNC_RUN_ID";

    private static final Path PROC = Path.of("/proc");

    private static final long POLL_MS = 20;

    private ProcessTree() {
    }

    /** The process, its descendants and every process carrying the run's cookie, excluding this JVM. */
    static Set<ProcessHandle> of(Process process, String runId) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        if (process.isAlive()) {
            all.add(process.toHandle());
        }
        process.descendants().forEach(all::add);
        all.addAll(marked(runId));
        all.remove(ProcessHandle.current());
        return all;
    }

    /** Living processes whose environment holds {@code COOKIE=runId} (none where there is no /proc). */
    static Set<ProcessHandle> marked(String runId) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        byte[] needle = (COOKIE + "=" + runId + "\0").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().filter(p -> p.pid() != self).forEach(p -> {
            try {
                byte[] environ = Files.readAllBytes(PROC.resolve(Long.toString(p.pid())).resolve("environ"));
                if (contains(environ, needle)) {
                    found.add(p);
                }
            }
            catch (IOException | SecurityException e) {
                // gone meanwhile, or another user's process: not ours either way
            }
        });
        return found;
    }

    /**
     * Whether the process still runs. {@link ProcessHandle#isAlive()} is true for a zombie too, and
     * an orphan that was killed stays a zombie until init reaps it, which a container's init may do
     * late or never: a zombie has ended and holds nothing but its pid, so it counts as gone.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat"));
            // "pid (command) state ...": the command may hold spaces and parentheses, so read after the last ')'
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        }
        catch (IOException | SecurityException e) {
            return process.isAlive(); // no /proc (or gone meanwhile): what the JDK says
        }
    }

    /** SIGTERM to all, SIGKILL to whatever still runs after {@code graceMillis}. */
    static void kill(Set<ProcessHandle> processes, long graceMillis) {
        processes.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (ProcessHandle handle : processes) {
            // onExit() of a process that is not our child polls isAlive(), which a zombie never
            // leaves: wait in short steps and look with running() instead
            while (running(handle) && end - System.nanoTime() > 0) {
                try {
                    handle.onExit().get(Math.min(POLL_MS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))),
                            TimeUnit.MILLISECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                catch (ExecutionException | TimeoutException e) {
                    // still running: look again
                }
            }
        }
        processes.stream().filter(ProcessTree::running).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            // a variable starts the block or follows the NUL that ends the previous one
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
