package io.foldersync.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Brings {@code docker/compose.yaml} up (images built from {@code docker/Dockerfile}) and checks
 * that the deployment works end to end: the sample files of the server's volume reach the
 * client's volume, and a file written on the server afterwards follows. Where no Docker engine
 * runs, the whole class is skipped ("disabledWithoutDocker") and every other test still runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeSmokeTest {

    /** Building both images with Maven inside Docker takes minutes on a cold cache. */
    private static final Duration STARTUP = Duration.ofMinutes(15);

    private static final Duration CONVERGE = Duration.ofSeconds(60);

    @Container
    static final ComposeContainer compose = new ComposeContainer(composeFile())
            .withBuild(true)
            .withEnv("FOLDERSYNC_TOKEN", "smoke-test-sync-token-0123456789")
            .withEnv("FOLDERSYNC_ADMIN_TOKEN", "smoke-test-admin-token-0123456789")
            .waitingFor("server-1", Wait.forHealthcheck().withStartupTimeout(STARTUP))
            .waitingFor("client-1", Wait.forHealthcheck().withStartupTimeout(STARTUP))
            .withStartupTimeout(STARTUP)
            .withRemoveVolumes(true);

    @Test
    void filesOfTheServersVolumeReachTheClientsVolume() throws Exception {
        ContainerState server = service("server");
        ContainerState client = service("client");

        // the sample content baked into the server's docs volume
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(read(client, "/data/mirror/README.txt"))
                .isEqualTo(read(server, "/data/folders/docs/README.txt")));

        // a file created on the server afterwards
        ExecResult write = server.execInContainer("sh", "-c",
                "mkdir -p /data/folders/docs/smoke && printf 'hello from the server\\n' > /data/folders/docs/smoke/hello.txt");
        assertThat(write.getExitCode()).as(write.getStderr()).isZero();
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(read(client, "/data/mirror/smoke/hello.txt"))
                .isEqualTo("hello from the server\n"));
    }

    private static String read(ContainerState container, String path) throws Exception {
        ExecResult result = container.execInContainer("cat", path);
        assertThat(result.getExitCode()).as("cat " + path + ": " + result.getStderr()).isZero();
        return result.getStdout();
    }

    /** Compose v2 names the first instance of a service {@code <service>-1}. */
    private static ContainerState service(String name) {
        return compose.getContainerByServiceName(name + "-1")
                .or(() -> compose.getContainerByServiceName(name))
                .orElseThrow(() -> new AssertionError("no container for compose service " + name));
    }

    /** docker/compose.yaml, found from the module directory (Surefire's working directory) or the repository root. */
    private static File composeFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docker").resolve("compose.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate.toFile();
            }
        }
        throw new IllegalStateException("docker/compose.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
