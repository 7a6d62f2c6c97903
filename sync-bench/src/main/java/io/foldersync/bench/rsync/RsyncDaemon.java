package io.foldersync.bench.rsync;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.foldersync.bench.support.Deadline;
import io.foldersync.bench.support.Ports;
import io.foldersync.bench.support.Processes;
import io.foldersync.bench.wire.Relay;

/**
 * An rsync daemon on loopback ({@code rsync --daemon --no-detach}) serving the benchmark's work
 * directory as the writable module {@code bench}, behind the same kind of byte-counting relay as
 * foldersync's client, so both programs cross the same hop and their wire bytes can be checked
 * against each other. Clients run {@code rsync -a --stats} against {@code rsync://127.0.0.1:<relay>/bench/...}.
 */
public final class RsyncDaemon implements AutoCloseable {

    private static final long RUN_TIMEOUT_FLOOR_SECONDS = 60;

    private final Process process;

    private final Relay relay;

    private RsyncDaemon(Process process, Relay relay) {
        this.process = process;
        this.relay = relay;
    }

    public static RsyncDaemon start(Path workDir) throws IOException {
        int port = Ports.free();
        Path config = workDir.resolve("rsyncd.conf");
        int uid = (Integer) Files.getAttribute(workDir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(workDir, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        Files.writeString(config, String.join("\n",
                "# written by the foldersync benchmark",
                "use chroot = false",
                "pid file = " + workDir.resolve("rsyncd.pid"),
                "log file = " + workDir.resolve("rsyncd.log"),
                "[bench]",
                "    path = " + workDir,
                "    read only = false",
                "    uid = " + uid,
                "    gid = " + gid,
                ""), StandardCharsets.UTF_8);
        Process process = Processes.start(List.of("rsync", "--daemon", "--no-detach", "--config=" + config,
                "--address=127.0.0.1", "--port=" + port), workDir.resolve("rsyncd.out"), workDir);
        Deadline deadline = Deadline.in(Duration.ofSeconds(20));
        while (true) {
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close(); // it accepts: it is up
                break;
            }
            catch (IOException notYet) {
                if (!process.isAlive() || deadline.passed()) {
                    Processes.stop(process, 5);
                    throw new IOException("the rsync daemon did not start; see " + workDir.resolve("rsyncd.out")
                            + ": " + Files.readString(workDir.resolve("rsyncd.out")).strip());
                }
                deadline.pause(Duration.ofMillis(50));
            }
        }
        return new RsyncDaemon(process, Relay.start("rsync", port));
    }

    public Relay relay() {
        return relay;
    }

    /** The daemon URL of a path relative to the work directory ({@code a/b/} for a directory's content). */
    public String url(String relative) {
        return "rsync://127.0.0.1:" + relay.port() + "/bench/" + relative;
    }

    /**
     * One timed client run: {@code rsync <options> --stats <from> <to>}, start to exit.
     *
     * @param elapsedSeconds wall time from starting the rsync client to its exit
     * @param wire bytes the relay counted during the run
     */
    public record Run(double elapsedSeconds, RsyncStats stats, Relay.Counts wire) {
    }

    public Run run(List<String> options, String from, String to, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("rsync");
        command.addAll(options);
        command.add("--stats");
        command.add(from);
        command.add(to);
        Relay.Counts before = relay.counts();
        Processes.Result result = Processes.execute(command, Math.max(RUN_TIMEOUT_FLOOR_SECONDS, timeout.toSeconds()));
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + (result.exit() < 0 ? " timed out" : " exited with "
                    + result.exit()) + ":\n" + result.output().strip());
        }
        return new Run(result.elapsedNanos() / 1e9, RsyncStats.parse(result.output()), relay.counts().minus(before));
    }

    @Override
    public void close() {
        relay.close();
        Processes.stop(process, 10);
    }
}
