package io.foldersync.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Features;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.JsonContent;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.RawPeer;
import io.foldersync.server.ServerApplication;
import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.folder.Folders;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a client may ask beyond syncing, spoken by hand against a real server: grants per client
 * id (folder switch, each command) bound to that client's own token, command runs streamed back,
 * and the conflict versions that came from the asking client, all only after the features were
 * agreed in the handshake.
 */
class ClientRequestsProtocolTest {

    static final String TOKEN = "requests-test-token-0123456789";

    /** boss, granted the switch and commands, proves its own token (foldersync.client-tokens.boss). */
    static final String BOSS_TOKEN = "boss-own-token-0123456789";

    static final List<String> ALL = Features.OFFERED;

    @TempDir
    static Path base;

    static ConfigurableApplicationContext server;

    static int port;

    @BeforeAll
    static void startServer() throws IOException {
        Files.createDirectories(base.resolve("docs"));
        Files.createDirectories(base.resolve("notes"));
        Files.writeString(base.resolve("docs").resolve("a.txt"), "a\n");
        server = new SpringApplicationBuilder(ServerApplication.class).run(
                "--foldersync.folders.docs=" + base.resolve("docs"),
                "--foldersync.folders.notes=" + base.resolve("notes"),
                "--foldersync.active-folder=docs",
                "--foldersync.listen-address=127.0.0.1",
                "--foldersync.listen-port=0",
                "--foldersync.state-db=" + base.resolve("data").resolve("server-state.db"),
                "--foldersync.token=" + TOKEN,
                "--foldersync.admin-token=requests-admin-token-0123456789",
                "--foldersync.permissions.switch-folder=boss",
                "--foldersync.client-tokens.boss=" + BOSS_TOKEN,
                "--foldersync.commands.hello.args=printf,hello %s\\n,world",
                "--foldersync.commands.hello.clients=boss",
                "--foldersync.commands.hello.description=Says hello",
                "--foldersync.commands.slow.args=sleep,3", // long enough to still run when the second asks
                "--foldersync.commands.slow.clients=boss,helper",
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

    static RawPeer as(String clientId, List<String> features) throws IOException {
        RawPeer peer = RawPeer.connect(port, base.resolve("spool"), true);
        SyncMessage.Welcome welcome = peer.handshake(clientId, "boss".equals(clientId) ? BOSS_TOKEN : TOKEN, features);
        assertThat(welcome.features()).containsExactlyElementsOf(Features.OFFERED);
        return peer;
    }

    static double denied(String action) {
        var counter = server.getBean(MeterRegistry.class).find("foldersync.permission.denied").tag("action", action).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aClientWithoutTheGrantCannotSwitchTheFolderAndOneWithItCan() throws IOException {
        Folders folders = server.getBean(Folders.class);
        double before = denied("switch-folder");
        try (RawPeer plain = as("plain", ALL); RawPeer boss = as("boss", ALL)) {
            plain.send(new SyncMessage.FolderCommand("f1", "notes"));
            SyncMessage.Folders refused = plain.next(SyncMessage.Folders.class);
            assertThat(refused.ref()).isEqualTo("f1");
            assertThat(refused.code()).isEqualTo("NOT_ALLOWED");
            assertThat(refused.error()).contains("plain may not switch the active folder")
                    .contains("foldersync.permissions.switch-folder");
            assertThat(folders.active()).isEqualTo("docs");
            assertThat(denied("switch-folder")).isEqualTo(before + 1);

            // listing stays open to everyone
            plain.send(new SyncMessage.FolderCommand("f2", null));
            assertThat(plain.next(SyncMessage.Folders.class).error()).isNull();

            boss.send(new SyncMessage.FolderCommand("f3", "notes"));
            SyncMessage.Folders switched = boss.next(SyncMessage.Folders.class);
            assertThat(switched.error()).isNull();
            assertThat(switched.code()).isNull();
            assertThat(folders.active()).isEqualTo("notes");
            boss.send(new SyncMessage.FolderCommand("f4", "docs"));
            assertThat(boss.next(SyncMessage.Folders.class).error()).isNull();
            assertThat(folders.active()).isEqualTo("docs");
        }
    }

    // ---- a grant is bound to a secret, not to a name a client gives itself

    static void assertAuthFailed(SyncMessage answer) {
        assertThat(answer).isInstanceOf(SyncMessage.Error.class);
        assertThat(((SyncMessage.Error) answer).code()).isEqualTo("AUTH_FAILED");
    }

    @Test
    void theSharedTokenNoLongerOpensASessionUnderAnIdBoundToItsOwn() throws IOException {
        try (RawPeer impostor = RawPeer.connect(port, base.resolve("spool"), true)) {
            assertAuthFailed(impostor.authenticate("boss", TOKEN, ALL));
            assertThat(impostor.closedByPeer()).isTrue();
        }
        assertThat(server.getBean(Folders.class).active()).isEqualTo("docs");
    }

    @Test
    void theBoundClientProvesItsOwnTokenAndTheServerProvesItKnowsIt() throws IOException {
        try (RawPeer boss = RawPeer.connect(port, base.resolve("spool"), true)) {
            SyncMessage.Welcome welcome = boss.handshake("boss", BOSS_TOKEN, ALL);
            assertThat(welcome.proof()).isEqualTo(boss.expectedProof(BOSS_TOKEN));
        }
        try (RawPeer plain = RawPeer.connect(port, base.resolve("spool"), true)) {
            SyncMessage.Welcome welcome = plain.handshake("plain", TOKEN, ALL);
            assertThat(welcome.proof()).isEqualTo(plain.expectedProof(TOKEN));
        }
        try (RawPeer borrowed = RawPeer.connect(port, base.resolve("spool"), true)) {
            assertAuthFailed(borrowed.authenticate("plain", BOSS_TOKEN, ALL)); // another client's own token opens nothing
        }
    }

    @Test
    void listsOnlyWhatTheClientMayAsk() throws IOException {
        try (RawPeer plain = as("plain", ALL); RawPeer boss = as("boss", ALL)) {
            plain.send(new SyncMessage.PermissionsRequest("p1"));
            Frame none = plain.nextFrame();
            assertThat(none.message()).isEqualTo(new SyncMessage.Permissions("p1", false, 0));
            assertThat(JsonContent.list(none.content(), SyncMessage.CommandInfo.class)).isEmpty();

            boss.send(new SyncMessage.PermissionsRequest("p2"));
            Frame all = boss.nextFrame();
            assertThat(all.message()).isEqualTo(new SyncMessage.Permissions("p2", true, 2));
            assertThat(JsonContent.list(all.content(), SyncMessage.CommandInfo.class)).containsExactly(
                    new SyncMessage.CommandInfo("hello", "Says hello", 60_000),
                    new SyncMessage.CommandInfo("slow", null, 60_000));
        }
    }

    @Test
    void runsAGrantedCommandAndStreamsItsOutputBack() throws IOException {
        try (RawPeer boss = as("boss", ALL)) {
            boss.send(new SyncMessage.CommandRun("r1", "hello"));
            SyncMessage.CommandStarted started = (SyncMessage.CommandStarted) boss.next();
            assertThat(started.ref()).isEqualTo("r1");
            assertThat(started.folder()).isEqualTo("docs");
            Frame output = boss.nextFrame();
            assertThat(output.message()).isEqualTo(new SyncMessage.CommandOutput("r1"));
            assertThat(new String(output.content().open().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello world\n");
            SyncMessage.CommandDone done = (SyncMessage.CommandDone) boss.next();
            assertThat(done.ref()).isEqualTo("r1");
            assertThat(done.outcome()).isEqualTo("exited");
            assertThat(done.exitCode()).isZero();
            assertThat(done.outputBytes()).isEqualTo(12);
            assertThat(done.truncated()).isFalse();
        }
    }

    @Test
    void refusesACommandThatIsNotGrantedOrNotConfiguredAndOneWhileAnotherRuns() throws IOException {
        double before = denied("run-command");
        try (RawPeer plain = as("plain", ALL); RawPeer boss = as("boss", ALL); RawPeer helper = as("helper", ALL)) {
            plain.send(new SyncMessage.CommandRun("r1", "hello"));
            SyncMessage.Error notGranted = plain.nextError();
            assertThat(notGranted.code()).isEqualTo("NOT_ALLOWED");
            assertThat(notGranted.ref()).isEqualTo("r1");
            assertThat(notGranted.message()).contains("plain may not run command hello");

            boss.send(new SyncMessage.CommandRun("r2", "rm"));
            assertThat(boss.nextError().message()).contains("no command rm is configured");
            assertThat(denied("run-command")).isEqualTo(before + 2);

            boss.send(new SyncMessage.CommandRun("r3", "slow"));
            assertThat(boss.next()).isInstanceOf(SyncMessage.CommandStarted.class);
            helper.send(new SyncMessage.CommandRun("r4", "slow"));
            SyncMessage.Error busy = helper.nextError();
            assertThat(busy.code()).isEqualTo(ErrorCode.BUSY.name());
            assertThat(busy.message()).contains("slow").contains("boss");
            assertThat(boss.next(SyncMessage.CommandDone.class).exitCode()).isZero();
        }
    }

    @Test
    void refusesExtensionMessagesWhenTheFeatureWasNotAgreed() throws IOException {
        try (RawPeer old = as("boss", List.of())) {
            old.send(new SyncMessage.CommandRun("r1", "hello"));
            SyncMessage.Error error = old.nextError();
            assertThat(error.code()).isEqualTo("NOT_ALLOWED");
            assertThat(error.message()).contains("feature commands was not agreed");
            old.send(new SyncMessage.ConflictsRequest("c1"));
            assertThat(old.nextError().message()).contains("feature conflict-versions");
        }
    }

    @Test
    void listsAndSendsOnlyTheConflictVersionsThatCameFromTheAskingClient() throws IOException {
        ConflictKeeper keeper = server.getBean(ConflictKeeper.class);
        Path loser = base.resolve("loser.txt");
        Files.writeString(loser, "boss's losing version\n");
        long mine = keeper.keepCopy("docs", "a.txt", loser, "aa", 1000, 22, "boss", "server").id();
        long theirs = keeper.keepCopy("docs", "a.txt", loser, "bb", 2000, 22, "plain", "server").id();
        try (RawPeer boss = as("boss", ALL)) {
            boss.send(new SyncMessage.ConflictsRequest("c1"));
            Frame list = boss.nextFrame();
            assertThat(list.message()).isEqualTo(new SyncMessage.Conflicts("c1", 1));
            List<SyncMessage.ConflictInfo> infos = JsonContent.list(list.content(), SyncMessage.ConflictInfo.class);
            assertThat(infos).extracting(SyncMessage.ConflictInfo::id).containsExactly(mine);
            assertThat(infos.get(0).path()).isEqualTo("a.txt");
            assertThat(infos.get(0).winner()).isEqualTo("server");

            boss.send(new SyncMessage.ConflictFetch("c2", mine));
            Frame content = boss.nextFrame();
            assertThat(content.message()).isEqualTo(new SyncMessage.ConflictContent("c2", mine, "aa"));
            assertThat(new String(content.content().open().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("boss's losing version\n");

            boss.send(new SyncMessage.ConflictFetch("c3", theirs));
            SyncMessage.Error error = boss.nextError();
            assertThat(error.code()).isEqualTo("NOT_ALLOWED");
            assertThat(error.ref()).isEqualTo("c3");
        }
    }
}
