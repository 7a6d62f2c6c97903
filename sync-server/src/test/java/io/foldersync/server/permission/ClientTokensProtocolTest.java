package io.foldersync.server.permission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import io.foldersync.protocol.Features;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.RawPeer;
import io.foldersync.server.ServerApplication;
import io.foldersync.server.folder.Folders;

/**
 * A grant is bound to a secret, not to a name a client gives itself: a client id listed in
 * {@code foldersync.client-tokens} opens a session only with its own token, so holding the shared
 * token is not enough to use its grants. Spoken by hand over TLS against a real server.
 */
class ClientTokensProtocolTest {

    static final String SHARED = "shared-test-token-0123456789";

    static final String BOSS_OWN = "boss-own-token-0123456789";

    @TempDir
    static Path base;

    static ConfigurableApplicationContext server;

    static int port;

    @BeforeAll
    static void startServer() throws IOException {
        Files.createDirectories(base.resolve("docs"));
        Files.createDirectories(base.resolve("notes"));
        server = new SpringApplicationBuilder(ServerApplication.class).run(
                "--foldersync.folders.docs=" + base.resolve("docs"),
                "--foldersync.folders.notes=" + base.resolve("notes"),
                "--foldersync.active-folder=docs",
                "--foldersync.listen-address=127.0.0.1",
                "--foldersync.listen-port=0",
                "--foldersync.state-db=" + base.resolve("data").resolve("server-state.db"),
                "--foldersync.token=" + SHARED,
                "--foldersync.admin-token=tokens-admin-token-0123456789",
                "--foldersync.permissions.switch-folder=boss",
                "--foldersync.client-tokens.boss=" + BOSS_OWN,
                "--server.port=0",
                "--spring.main.banner-mode=off");
        TcpNetServerConnectionFactory factory = server.getBean(TcpNetServerConnectionFactory.class);
        TestingUtilities.waitListening(factory, 10_000L);
        port = factory.getPort();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static RawPeer connect() throws IOException {
        return RawPeer.connect(port, base.resolve("spool"), true);
    }

    static void assertRefused(SyncMessage answer) {
        assertThat(answer).isInstanceOf(SyncMessage.Error.class);
        assertThat(((SyncMessage.Error) answer).code()).isEqualTo("AUTH_FAILED");
    }

    @Test
    void theSharedTokenNoLongerOpensASessionUnderAnIdBoundToItsOwn() throws IOException {
        try (RawPeer impostor = connect()) {
            assertRefused(impostor.authenticate("boss", SHARED, Features.OFFERED));
            assertThat(impostor.closedByPeer()).isTrue();
        }
        assertThat(server.getBean(Folders.class).active()).isEqualTo("docs");
    }

    @Test
    void theBoundClientOpensItsSessionWithItsOwnTokenAndTheServerProvesItKnowsIt() throws IOException {
        try (RawPeer boss = connect()) {
            SyncMessage.Welcome welcome = boss.handshake("boss", BOSS_OWN, Features.OFFERED);
            assertThat(welcome.proof()).isEqualTo(boss.expectedProof(BOSS_OWN));
            boss.send(new SyncMessage.FolderCommand("f1", "notes"));
            assertThat(boss.next(SyncMessage.Folders.class).error()).isNull();
            assertThat(server.getBean(Folders.class).active()).isEqualTo("notes");
            boss.send(new SyncMessage.FolderCommand("f2", "docs"));
            assertThat(boss.next(SyncMessage.Folders.class).error()).isNull();
        }
    }

    @Test
    void otherClientsKeepTheSharedTokenAndCannotUseABoundOne() throws IOException {
        try (RawPeer plain = connect()) {
            SyncMessage.Welcome welcome = plain.handshake("plain", SHARED);
            assertThat(welcome.proof()).isEqualTo(plain.expectedProof(SHARED));
        }
        try (RawPeer borrowed = connect()) {
            assertRefused(borrowed.authenticate("plain", BOSS_OWN, List.of()));
        }
    }
}
