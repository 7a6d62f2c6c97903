package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.read;
import static io.foldersync.e2e.SyncCluster.replace;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's delta transfer and compression, end to end: a one-line insert in a large file travels
 * as a few kilobytes in both directions, the receiver's file is byte-exact, and content the server
 * compresses ({@code foldersync.compression=always}) arrives whole. The figures are the product's
 * own wire counters ({@code foldersync.wire.bytes}), content bytes as framed.
 */
class DeltaTransferTest {

    static final String WIRE = "foldersync.wire.bytes";

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static Path server;

    static SyncCluster.ClientNode alpha;

    static SyncCluster.ClientNode beta;

    @BeforeAll
    static void start() {
        cluster = SyncCluster.create(base, "docs");
        server = cluster.serverFolder();
        write(server.resolve("big.txt"), lines(100_000, "server")); // about 6 MB
        write(server.resolve("other.txt"), lines(100_000, "other"));
        cluster.startServer("--foldersync.compression=always");
        alpha = cluster.startClient("alpha");
        beta = cluster.startClient("beta");
        await().atMost(CONVERGE).until(() -> same("big.txt", alpha) && same("big.txt", beta)
                && same("other.txt", alpha) && same("other.txt", beta));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aServerEditOfOneLineReachesTheClientsAsADeltaOfAFewKilobytes() {
        String edited = insertInMiddle(read(server.resolve("big.txt")), "a line the server inserted\n");
        double before = alpha.counter(WIRE, "direction", "in");

        replace(server.resolve("big.txt"), edited);

        await().atMost(CONVERGE).until(() -> same("big.txt", alpha) && same("big.txt", beta));
        double wire = alpha.counter(WIRE, "direction", "in") - before;
        long size = edited.getBytes(StandardCharsets.UTF_8).length;
        assertThat(wire).as("bytes on the wire for a one-line insert in %d bytes", size)
                .isGreaterThan(0).isLessThan(size * 0.005);
    }

    @Test
    void aClientEditOfOneLineReachesTheServerAndTheOtherClientAsADelta() {
        String edited = insertInMiddle(read(alpha.folder().resolve("other.txt")), "a line alpha inserted\n");
        double before = alpha.counter(WIRE, "direction", "out");
        double betaBefore = beta.counter(WIRE, "direction", "in");

        replace(alpha.folder().resolve("other.txt"), edited);

        await().atMost(CONVERGE).until(() -> read(server.resolve("other.txt")).equals(edited) && same("other.txt", beta));
        long size = edited.getBytes(StandardCharsets.UTF_8).length;
        assertThat(alpha.counter(WIRE, "direction", "out") - before).as("alpha's upload").isGreaterThan(0)
                .isLessThan(size * 0.005);
        assertThat(beta.counter(WIRE, "direction", "in") - betaBefore).as("beta's copy from the server")
                .isGreaterThan(0).isLessThan(size * 0.005);
    }

    @Test
    void aNewFileTheServerCompressesArrivesByteExact() {
        String text = "a compressible line of text, repeated many times over\n".repeat(20_000); // about 1 MB
        double before = alpha.counter(WIRE, "direction", "in");

        write(server.resolve("new.txt"), text);

        await().atMost(CONVERGE).until(() -> same("new.txt", alpha));
        assertThat(alpha.counter(WIRE, "direction", "in") - before).isGreaterThan(0)
                .isLessThan(text.length() / 10.0);
    }

    private static boolean same(String path, SyncCluster.ClientNode client) {
        Path theirs = client.folder().resolve(path);
        Path ours = server.resolve(path);
        try {
            return Files.exists(theirs) && Files.size(theirs) == Files.size(ours) && Files.mismatch(theirs, ours) == -1;
        }
        catch (java.io.IOException e) {
            return false;
        }
    }

    static String lines(int count, String word) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(word).append(" line ").append(i).append(": some words that make a realistic text file\n");
        }
        return text.toString();
    }

    static String insertInMiddle(String text, String insert) {
        int middle = text.indexOf('\n', text.length() / 2) + 1;
        return text.substring(0, middle) + insert + text.substring(middle);
    }
}
