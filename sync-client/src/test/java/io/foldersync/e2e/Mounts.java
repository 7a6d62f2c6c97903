package io.foldersync.e2e;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mounts for tests of folders behind mount points: a tmpfs, and bind mounts of it. Tests that need
 * them are skipped, with the reason, where this process may not mount (not root, no CAP_SYS_ADMIN).
 * Everything mounted is unmounted by {@link #close}, newest first.
 */
final class Mounts implements AutoCloseable {

    private final List<Path> mounted = new ArrayList<>();

    /** Skips the calling test unless mounting works here. */
    static Mounts requireMounting(Path probe) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(probe);
        Result result = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.toString());
        assumeThat(result.exit()).as("this test mounts a tmpfs, which needs root (CAP_SYS_ADMIN); here: " + result.output())
                .isZero();
        run("umount", probe.toString());
        return new Mounts();
    }

    void tmpfs(Path at, String size) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(at);
        check(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString()));
        mounted.add(at);
    }

    void bind(Path source, Path at) throws IOException, InterruptedException {
        check(run("mount", "--bind", source.toString(), at.toString()));
        mounted.add(at);
    }

    void resize(Path at, String size) throws IOException, InterruptedException {
        check(run("mount", "-o", "remount,size=" + size, at.toString()));
    }

    /** Writes {@code file} until its file system is full (No space left on device). */
    static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        }
        catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    void unmount(Path at) throws IOException, InterruptedException {
        check(run("umount", at.toString()));
        mounted.remove(at);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (int i = mounted.size() - 1; i >= 0; i--) {
            run("umount", "-l", mounted.get(i).toString());
        }
        mounted.clear();
    }

    private record Result(int exit, String output) {
    }

    private static void check(Result result) {
        if (result.exit() != 0) {
            throw new IllegalStateException("mount failed: " + result.output());
        }
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }
}
