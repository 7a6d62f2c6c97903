package io.foldersync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A bad setting stops start-up with a message that names the property, before anything is touched. */
class StartupValidationTest {

    @TempDir
    Path base;

    private String[] args(String... overrides) {
        List<String> args = new ArrayList<>(List.of(
                "--foldersync.folders.docs=" + base.resolve("docs"),
                "--foldersync.active-folder=docs",
                "--foldersync.token=0123456789abcdef",
                "--foldersync.admin-token=fedcba9876543210",
                "--foldersync.listen-port=0",
                "--foldersync.state-db=" + base.resolve("state.db"),
                "--server.port=0",
                "--spring.main.banner-mode=off"));
        for (String override : overrides) {
            String key = override.substring(0, override.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(key)); // a repeated argument would be joined, not replaced
            args.add(override);
        }
        return args.toArray(String[]::new);
    }

    private static String failureOf(String... args) {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> new SpringApplicationBuilder(ServerApplication.class).run(args))
                .satisfies(e -> failure[0] = e);
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure[0]; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void refusesAnIntervalBelowFiveSeconds() {
        assertThat(failureOf(args("--foldersync.interval=4s"))).contains("interval").contains("at least 5s");
    }

    @Test
    void refusesAFullScanIntervalShorterThanTheIntervalAndAnUnknownCompression() {
        assertThat(failureOf(args("--foldersync.full-scan-interval=2s"))).contains("foldersync.full-scan-interval")
                .contains("at least foldersync.interval");
        assertThat(failureOf(args("--foldersync.compression=sometimes"))).contains("compression");
    }

    @Test
    void refusesATokenShorterThanSixteenCharacters() {
        assertThat(failureOf(args("--foldersync.token=short"))).contains("token").contains("at least 16 characters");
    }

    @Test
    void refusesAMissingToken() {
        String[] args = java.util.Arrays.stream(args()).filter(a -> !a.startsWith("--foldersync.token=")).toArray(String[]::new);
        assertThat(failureOf(args)).contains("token").contains("is required");
    }

    @Test
    void refusesAnActiveFolderThatIsNotOneOfTheFolders() {
        assertThat(failureOf(args("--foldersync.active-folder=nope"))).contains("foldersync.active-folder");
    }

    @Test
    void refusesARelativeFolderPath() {
        assertThat(failureOf(args("--foldersync.folders.notes=relative/notes"))).contains("absolute path");
    }

    @Test
    void refusesAnSslBundleThatDoesNotExistNamingTheProperty() {
        assertThat(failureOf(args("--foldersync.tls.bundle=missing"))).contains("foldersync.tls.bundle")
                .contains("no SSL bundle named 'missing'");
    }

    @Test
    void refusesAnSslBundleOnAPlainSyncPort() {
        assertThat(failureOf(args("--foldersync.tls.bundle=sync", "--foldersync.tls.enabled=false")))
                .contains("foldersync.tls.bundle is set but foldersync.tls.enabled is false");
    }
}
