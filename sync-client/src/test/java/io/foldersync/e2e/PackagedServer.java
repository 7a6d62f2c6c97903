package io.foldersync.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The server's packaged jar, for tests that must run it as a process of its own (another user,
 * another locale). {@code ./mvnw -B verify} packages the server before the client's tests run.
 */
final class PackagedServer {

    private PackagedServer() {
    }

    static Path jar() {
        return Path.of("..", "sync-server", "target", "sync-server.jar").toAbsolutePath().normalize();
    }

    /** True when the jar exists and is newer than every compiled class of the server (not a stale build). */
    static boolean built() throws IOException {
        Path jar = jar();
        if (!Files.exists(jar)) {
            return false;
        }
        Path classes = Path.of("..", "sync-server", "target", "classes");
        long built = Files.getLastModifiedTime(jar).toMillis();
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(Files::isRegularFile).allMatch(c -> {
                try {
                    return Files.getLastModifiedTime(c).toMillis() <= built;
                }
                catch (IOException e) {
                    return false;
                }
            });
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
