package io.foldersync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The client refuses to start without its local folder, or with settings out of range, naming the property. */
class ClientStartupValidationTest {

    @TempDir
    Path base;

    private static String failureOf(String... args) {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> new SpringApplicationBuilder(ClientApplication.class).run(args)).satisfies(e -> failure[0] = e);
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure[0]; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void refusesToStartWithoutALocalFolder() {
        assertThat(failureOf("--foldersync.token=0123456789abcdef", "--foldersync.admin-token=fedcba9876543210",
                "--foldersync.state-db=" + base.resolve("c.db"), "--server.port=0")).contains("localFolder")
                .contains("is required");
    }

    @Test
    void refusesAnAdminTokenShorterThanSixteenCharacters() {
        assertThat(failureOf("--foldersync.token=0123456789abcdef", "--foldersync.admin-token=short",
                "--foldersync.local-folder=" + base.resolve("mirror"), "--foldersync.state-db=" + base.resolve("c.db"),
                "--server.port=0")).contains("adminToken").contains("at least 16 characters");
    }

    @Test
    void refusesAServerFingerprintThatIsNotASha256() {
        assertThat(failureOf("--foldersync.token=0123456789abcdef", "--foldersync.admin-token=fedcba9876543210",
                "--foldersync.local-folder=" + base.resolve("mirror"), "--foldersync.state-db=" + base.resolve("c.db"),
                "--server.port=0", "--foldersync.server-fingerprint=abc123")).contains("foldersync.server-fingerprint")
                .contains("64 hex digits");
    }

    @Test
    void refusesAServerFingerprintWithoutTls() {
        assertThat(failureOf("--foldersync.token=0123456789abcdef", "--foldersync.admin-token=fedcba9876543210",
                "--foldersync.local-folder=" + base.resolve("mirror"), "--foldersync.state-db=" + base.resolve("c.db"),
                "--server.port=0", "--foldersync.server-fingerprint=" + "ab".repeat(32), "--foldersync.tls.enabled=false"))
                .contains("foldersync.server-fingerprint").contains("needs TLS");
    }

    @Test
    void refusesALocalFolderThatIsAFile() throws java.io.IOException {
        Path file = java.nio.file.Files.writeString(base.resolve("a-file"), "not a folder");
        assertThat(failureOf("--foldersync.token=0123456789abcdef", "--foldersync.admin-token=fedcba9876543210",
                "--foldersync.local-folder=" + file, "--foldersync.state-db=" + base.resolve("c.db"), "--server.port=0"))
                .contains("foldersync.local-folder").contains("is a file, not a directory");
        assertThat(file).hasContent("not a folder");
    }
}
