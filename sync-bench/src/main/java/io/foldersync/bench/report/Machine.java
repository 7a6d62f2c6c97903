package io.foldersync.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.foldersync.bench.support.Processes;

/** What the figures were measured on, and at which commit: the lines of a run's record. */
public final class Machine {

    private Machine() {
    }

    /** cores, memory, CPU, kernel, Java, rsync, the work directory's file system, the load at the start. */
    public static List<String> describe(Path workDir) {
        List<String> lines = new ArrayList<>();
        lines.add("cores (nproc): " + Runtime.getRuntime().availableProcessors() + cpuModel().map(m -> " x " + m).orElse(""));
        lines.add("memory: " + meminfo("MemTotal").map(kb -> String.format("%.1f GiB", kb / 1024.0 / 1024.0)).orElse("?"));
        lines.add("kernel: " + firstLine(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version")));
        lines.add("java: " + javaVersion());
        lines.add("rsync: " + command(List.of("rsync", "--version")).map(v -> v.lines().findFirst().orElse("?").strip())
                .orElse("?"));
        lines.add("work directory: " + workDir + " (" + command(List.of("stat", "-f", "-c", "%T", workDir.toString()))
                .map(String::strip).orElse("?") + ")");
        lines.add("load average at the start: " + loadAverage());
        return lines;
    }

    /** The first three figures of /proc/loadavg: other work on the machine shows here. */
    public static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg")).map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3))).orElse("?");
    }

    /** "557ef35 (branch bench, uncommitted changes)" */
    public static String commit(Path repo) {
        Optional<String> hash = command(List.of("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD")).map(String::strip);
        if (hash.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        String branch = command(List.of("git", "-C", repo.toString(), "rev-parse", "--abbrev-ref", "HEAD"))
                .map(String::strip).orElse("?");
        boolean dirty = command(List.of("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=no"))
                .map(s -> !s.isBlank()).orElse(false);
        return hash.get() + " (branch " + branch + (dirty ? ", with uncommitted changes" : "") + ")";
    }

    private static String javaVersion() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return command(List.of(java, "-version")).map(v -> String.join("; ", v.strip().lines().toList()))
                .orElse(System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip());
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A /proc/meminfo field in kB. */
    public static Optional<Long> meminfo(String field) {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith(field + ":")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")));
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst();
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> command(List<String> command) {
        try {
            return Optional.of(Processes.run(command, 30));
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }
}
