package io.foldersync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import io.foldersync.files.TextFiles;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Handshake;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;

/**
 * The server's side of the sync protocol, spoken by hand over a raw socket against a real
 * server context: the handshake and everything it refuses, and every FILE_* message a client
 * may not send or may send wrongly, each of which must change no file. Everything runs twice:
 * over TLS (the default, with the server's generated certificate) and over plain TCP (explicit).
 */
@ParameterizedClass(name = "tls={0}")
@ValueSource(booleans = { true, false })
class ServerProtocolTest {

    static final String TOKEN = "protocol-test-token-0123456789";

    static final String EXISTING = "existing.txt";

    static final String ORIGINAL = "the server's version\n";

    static final long ORIGINAL_MTIME = 1_700_000_000_000L;

    @TempDir
    static Path base;

    static Path folder;

    static ConfigurableApplicationContext server;

    static int port;

    static int connections;

    @Parameter
    boolean tls;

    @BeforeParameterizedClassInvocation
    static void startServer(boolean tls) throws IOException {
        folder = base.resolve("server").resolve("docs");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(EXISTING), ORIGINAL, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(folder.resolve(EXISTING), FileTime.fromMillis(ORIGINAL_MTIME));
        server = new SpringApplicationBuilder(ServerApplication.class).run(
                "--foldersync.folders.docs=" + folder,
                "--foldersync.active-folder=docs",
                "--foldersync.listen-address=127.0.0.1",
                "--foldersync.listen-port=0",
                "--foldersync.state-db=" + base.resolve("data").resolve("server-state.db"),
                "--foldersync.token=" + TOKEN,
                "--foldersync.admin-token=protocol-admin-token-0123456789",
                "--server.port=0",
                "--foldersync.tls.enabled=" + tls,
                "--spring.main.banner-mode=off");
        TcpNetServerConnectionFactory factory = server.getBean(TcpNetServerConnectionFactory.class);
        TestingUtilities.waitListening(factory, 10_000L);
        port = factory.getPort();
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void serverFolderIsPristine() throws IOException {
        assertThat(files(folder)).containsExactly(EXISTING);
        assertThat(Files.readString(folder.resolve(EXISTING))).isEqualTo(ORIGINAL);
    }

    private RawPeer connect() throws IOException {
        return RawPeer.connect(port, base.resolve("spool"), tls);
    }

    /** A fresh client id per connection: a second connection with the same id would replace the first. */
    private static String nextClientId() {
        return "raw-" + (++connections);
    }

    private RawPeer authenticated() throws IOException {
        RawPeer peer = connect();
        peer.handshake(nextClientId(), TOKEN);
        return peer;
    }

    // ------------------------------------------------------------------ handshake

    @Test
    void completesTheHandshakeAndProvesItKnowsTheToken() throws IOException {
        try (RawPeer peer = connect()) {
            long before = System.currentTimeMillis();
            SyncMessage.Welcome welcome = peer.handshake(nextClientId(), TOKEN);
            assertThat(welcome.folder()).isEqualTo("docs");
            assertThat(peer.serverNonce).hasSizeGreaterThanOrEqualTo(32).matches("[0-9a-f]+");
            assertThat(Handshake.matches(new Handshake(TOKEN).serverProof(peer.clientNonce, peer.serverNonce,
                    peer.fingerprint()), welcome.proof())).isTrue();
            assertThat(peer.fingerprint()).matches(tls ? "[0-9a-f]{64}" : "");
            assertThat(welcome.serverTime()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
        }
    }

    @Test
    void refusesAWrongHmacWithAuthFailedAndCloses() throws IOException {
        try (RawPeer peer = connect()) {
            peer.send(peer.hello(nextClientId(), Limits.PROTOCOL_VERSION));
            SyncMessage.Challenge challenge = (SyncMessage.Challenge) peer.next();
            String wrong = new Handshake("another-token-0123456789").clientAnswer(challenge.nonce(), peer.clientNonce,
                    peer.fingerprint());
            peer.send(new SyncMessage.Auth(wrong));
            assertThat(peer.nextError().code()).isEqualTo(ErrorCode.AUTH_FAILED.name());
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void refusesAnythingBeforeHelloWithUnauthenticatedAndCloses() throws IOException {
        try (RawPeer peer = connect()) {
            peer.send(new SyncMessage.ManifestRequest("docs", null));
            assertThat(peer.nextError().code()).isEqualTo(ErrorCode.UNAUTHENTICATED.name());
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void refusesAFileUpdateInsteadOfAuthWithUnauthenticatedAndWritesNothing() throws IOException {
        try (RawPeer peer = connect()) {
            peer.send(peer.hello(nextClientId(), Limits.PROTOCOL_VERSION));
            assertThat(peer.next()).isInstanceOf(SyncMessage.Challenge.class);
            byte[] content = "sneaked in\n".getBytes(StandardCharsets.UTF_8);
            peer.send(new SyncMessage.FileUpdate("u1", null, EXISTING, System.currentTimeMillis(),
                    TextFiles.sha256(content), TextFiles.sha256(ORIGINAL.getBytes(StandardCharsets.UTF_8))), content);
            assertThat(peer.nextError().code()).isEqualTo(ErrorCode.UNAUTHENTICATED.name());
            assertThat(peer.closedByPeer()).isTrue();
        }
        assertThat(Files.readString(folder.resolve(EXISTING))).isEqualTo(ORIGINAL);
    }

    @Test
    void refusesProtocolVersionsOtherThanTwoWithUnsupportedVersion() throws IOException {
        for (int version : new int[] { 1, 3 }) {
            try (RawPeer peer = connect()) {
                peer.send(peer.hello(nextClientId(), version));
                assertThat(peer.nextError().code()).as("version " + version).isEqualTo(ErrorCode.UNSUPPORTED_VERSION.name());
                assertThat(peer.closedByPeer()).isTrue();
            }
        }
    }

    @Test
    void refusesAnAuthMadeForAnotherCertificateWithAuthFailed() throws IOException {
        try (RawPeer peer = connect()) {
            peer.send(peer.hello(nextClientId(), Limits.PROTOCOL_VERSION));
            SyncMessage.Challenge challenge = (SyncMessage.Challenge) peer.next();
            // the right token, but bound to a certificate this connection does not have (a relay's, say)
            String relayed = new Handshake(TOKEN).clientAnswer(challenge.nonce(), peer.clientNonce, "ab".repeat(32));
            peer.send(new SyncMessage.Auth(relayed));
            assertThat(peer.nextError().code()).isEqualTo(ErrorCode.AUTH_FAILED.name());
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    // ------------------------------------------------------------------ before the handshake

    @Test
    void refusesAHeaderAboveTheSmallLimitBeforeTheHandshakeWithoutReadingIt() throws IOException {
        try (RawPeer peer = connect()) {
            // announces a 1 MB header (allowed after the handshake), sends a little of it and waits
            peer.sendRaw(new byte[] { 0, 0x10, 0, 0 });
            peer.sendRaw("{\"type\":\"HELLO\",\"clientId\":\"".getBytes(StandardCharsets.UTF_8));
            SyncMessage.Error error = peer.nextError();
            assertThat(error.code()).isEqualTo(ErrorCode.BAD_FRAME.name());
            assertThat(error.message()).contains("before the handshake");
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void refusesContentBeforeTheHandshakeWithoutWaitingForIt() throws IOException {
        try (RawPeer peer = connect()) {
            // a HELLO announcing 100 MB of content, none of which is sent: the server must not wait for it
            byte[] header = ("{\"type\":\"HELLO\",\"protocolVersion\":2,\"clientId\":\"x\",\"nonce\":\"" + "a".repeat(64)
                    + "\",\"features\":[],\"contentLength\":100000000}").getBytes(StandardCharsets.UTF_8);
            peer.sendRaw(new byte[] { 0, 0, (byte) (header.length >> 8), (byte) header.length });
            peer.sendRaw(header);
            assertThat(peer.nextError().code()).isEqualTo(ErrorCode.UNAUTHENTICATED.name());
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void closesAConnectionThatDoesNotCompleteTheHandshakeWithinFiveSeconds() throws IOException {
        // the same timer guards plain connections; once is enough for 5 s of suite time
        Assumptions.assumeTrue(tls, "run over TLS only");
        try (RawPeer peer = connect()) {
            long start = System.nanoTime();
            peer.send(peer.hello(nextClientId(), Limits.PROTOCOL_VERSION));
            assertThat(peer.next()).isInstanceOf(SyncMessage.Challenge.class);
            // no AUTH: the deadline, not the 5 s interval's heartbeat round, ends it
            assertThat(peer.closedByPeer()).isTrue();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).isBetween(4_000L, 7_000L);
        }
    }

    @Test
    void answersAnUnparsableHeaderWithBadFrameAndCloses() throws IOException {
        try (RawPeer peer = authenticated()) {
            byte[] header = "{not json".getBytes(StandardCharsets.UTF_8);
            peer.sendRaw(new byte[] { 0, 0, 0, (byte) header.length });
            peer.sendRaw(header);
            assertThat(peer.nextError().code()).isEqualTo(ErrorCode.BAD_FRAME.name());
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void answersAnUnknownTypeWithUnknownTypeAndKeepsTheConnection() throws IOException {
        try (RawPeer peer = authenticated()) {
            byte[] header = "{\"type\":\"TELEPORT\",\"id\":\"t1\"}".getBytes(StandardCharsets.UTF_8);
            peer.sendRaw(new byte[] { 0, 0, 0, (byte) header.length });
            peer.sendRaw(header);
            SyncMessage.Error error = peer.nextError();
            assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE.name());
            assertThat(error.ref()).isEqualTo("t1");
            peer.send(new SyncMessage.Ping());
            peer.send(new SyncMessage.ManifestRequest(null, null));
            SyncMessage.Manifest manifest = (SyncMessage.Manifest) peer.next();
            assertThat(manifest.folder()).isEqualTo("docs");
            assertThat(manifest.files()).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ refused file messages

    @Test
    void refusesPathsThatEscapeTheFolderOrAreHiddenOrAbsoluteAndWritesNothing() throws IOException {
        byte[] content = "evil\n".getBytes(StandardCharsets.UTF_8);
        List<String> before = files(base);
        try (RawPeer peer = authenticated()) {
            for (String bad : List.of("../x", "a/../../b", ".hidden/x", "/abs", "../server/docs/existing.txt")) {
                peer.send(new SyncMessage.FileUpdate("p", null, bad, System.currentTimeMillis(),
                        TextFiles.sha256(content), null), content);
                SyncMessage.Error error = peer.nextError();
                assertThat(error.code()).as(bad).isEqualTo(ErrorCode.BAD_PATH.name());
                assertThat(error.ref()).isEqualTo("p");
            }
            // the connection stays usable after a refusal
            peer.send(new SyncMessage.ManifestRequest(null, null));
            assertThat(peer.next()).isInstanceOf(SyncMessage.Manifest.class);
        }
        assertThat(files(base)).isEqualTo(before);
        assertThat(Files.exists(Path.of("/abs"))).isFalse();
    }

    @Test
    void refusesContentThatDoesNotMatchItsHashAndChangesNothing() throws IOException {
        byte[] content = "claimed\n".getBytes(StandardCharsets.UTF_8);
        try (RawPeer peer = authenticated()) {
            peer.send(new SyncMessage.FileUpdate("h", null, EXISTING, System.currentTimeMillis() + 60_000,
                    TextFiles.sha256("something else".getBytes(StandardCharsets.UTF_8)), originalSha()), content);
            SyncMessage.Error error = peer.nextError();
            assertThat(error.code()).isEqualTo(ErrorCode.HASH_MISMATCH.name());
            assertThat(error.ref()).isEqualTo("h");
        }
        assertUnchanged();
    }

    @Test
    void refusesADeltaBuiltAgainstAnotherVersionWithDeltaFailedAndChangesNothing() throws IOException {
        byte[] wanted = "the client's version, built on a base the server does not have\n".getBytes(StandardCharsets.UTF_8);
        byte[] otherBase = "a version the server never had\n".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream recipe = new java.io.ByteArrayOutputStream();
        io.foldersync.delta.RecipeWriter.write(new java.io.ByteArrayInputStream(wanted), wanted.length,
                TextFiles.sha256(wanted), chunks(otherBase), TextFiles.sha256(otherBase), recipe);
        try (RawPeer peer = connect()) {
            peer.handshake(nextClientId(), TOKEN, List.of(io.foldersync.protocol.Features.DELTA));
            peer.send(new SyncMessage.FileUpdate("d1", null, EXISTING, System.currentTimeMillis() + 60_000,
                    TextFiles.sha256(wanted), originalSha()).encoded(io.foldersync.protocol.Encoding.DELTA, wanted.length,
                            null, TextFiles.sha256(otherBase)), recipe.toByteArray());
            SyncMessage.Error error = peer.nextError();
            assertThat(error.code()).isEqualTo(ErrorCode.DELTA_FAILED.name());
            assertThat(error.ref()).isEqualTo("d1");
        }
        assertUnchanged();
    }

    @Test
    void refusesContentInAnEncodingThePeerDidNotAgreeAsABadFrameAndChangesNothing() throws IOException {
        byte[] wanted = "compressed without asking\n".repeat(400).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = com.github.luben.zstd.Zstd.compress(wanted);
        try (RawPeer peer = authenticated()) { // listed no features
            peer.send(new SyncMessage.FileUpdate("z1", null, EXISTING, System.currentTimeMillis() + 60_000,
                    TextFiles.sha256(wanted), originalSha()).encoded(io.foldersync.protocol.Encoding.ZSTD, wanted.length,
                            (long) wanted.length, null), compressed);
            SyncMessage.Error error = peer.nextError();
            assertThat(error.code()).isEqualTo(ErrorCode.BAD_FRAME.name());
            assertThat(error.ref()).isEqualTo("z1");
        }
        assertUnchanged();
    }

    private static io.foldersync.delta.ChunkList chunks(byte[] content) throws IOException {
        return io.foldersync.delta.ContentInspector.inspect(new java.io.ByteArrayInputStream(content), true).chunks();
    }

    @Test
    void refusesBinaryContentAsNotTextAndChangesNothing() throws IOException {
        byte[] binary = { 'a', 0, 'b', '\n' };
        try (RawPeer peer = authenticated()) {
            peer.send(new SyncMessage.FileUpdate("b", null, EXISTING, System.currentTimeMillis() + 60_000,
                    TextFiles.sha256(binary), originalSha()), binary);
            assertThat(peer.nextError().code()).isEqualTo(ErrorCode.NOT_TEXT.name());
        }
        assertUnchanged();
    }

    @Test
    void refusesDeletesAndMovesFromAClientAndLeavesTheFile() throws IOException {
        try (RawPeer peer = authenticated()) {
            peer.send(new SyncMessage.FileDelete("d", null, EXISTING, originalSha()));
            SyncMessage.Error delete = peer.nextError();
            assertThat(delete.code()).isEqualTo(ErrorCode.NOT_ALLOWED.name());
            assertThat(delete.ref()).isEqualTo("d");
            peer.send(new SyncMessage.FileMove("m", null, EXISTING, "moved.txt", originalSha(), ORIGINAL_MTIME));
            SyncMessage.Error move = peer.nextError();
            assertThat(move.code()).isEqualTo(ErrorCode.NOT_ALLOWED.name());
            assertThat(move.ref()).isEqualTo("m");
        }
        assertUnchanged();
        assertThat(folder.resolve("moved.txt")).doesNotExist();
    }

    @Test
    void refusesAnUpdateOfAPathTheServerDoesNotHaveAndCreatesNothing() throws IOException {
        byte[] content = "created on a client\n".getBytes(StandardCharsets.UTF_8);
        try (RawPeer peer = authenticated()) {
            peer.send(new SyncMessage.FileUpdate("n", null, "sub/new.txt", System.currentTimeMillis(),
                    TextFiles.sha256(content), null), content);
            SyncMessage.Error error = peer.nextError();
            assertThat(error.code()).isEqualTo(ErrorCode.NOT_ALLOWED.name());
            assertThat(error.ref()).isEqualTo("n");
        }
        assertThat(folder.resolve("sub")).doesNotExist();
        assertUnchanged();
    }

    @Test
    void neverPutsTheTokenOnTheWire() throws IOException {
        byte[] token = TOKEN.getBytes(StandardCharsets.UTF_8);
        byte[] content = "an accepted edit\n".getBytes(StandardCharsets.UTF_8);
        try (RawPeer peer = connect()) {
            peer.handshake(nextClientId(), TOKEN);
            peer.send(new SyncMessage.ManifestRequest(null, null));
            assertThat(peer.next()).isInstanceOf(SyncMessage.Manifest.class);
            // an accepted edit, answered by an ACK: every kind of exchange is in the capture
            peer.send(new SyncMessage.FileUpdate("e", null, EXISTING, ORIGINAL_MTIME + 1000, TextFiles.sha256(content),
                    originalSha()), content);
            assertThat(peer.next()).isInstanceOf(SyncMessage.Ack.class);
            assertThat(indexOf(peer.received(), token)).isEqualTo(-1);
            assertThat(indexOf(peer.sent(), token)).isEqualTo(-1);
            assertThat(peer.received().length).isGreaterThan(100);
        }
        finally {
            // put the file back for the other tests
            Files.writeString(folder.resolve(EXISTING), ORIGINAL, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(folder.resolve(EXISTING), FileTime.fromMillis(ORIGINAL_MTIME));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String originalSha() {
        return TextFiles.sha256(ORIGINAL.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnchanged() throws IOException {
        assertThat(files(folder)).containsExactly(EXISTING);
        assertThat(Files.readString(folder.resolve(EXISTING))).isEqualTo(ORIGINAL);
        assertThat(Files.getLastModifiedTime(folder.resolve(EXISTING)).toMillis()).isEqualTo(ORIGINAL_MTIME);
    }

    /** Regular files below {@code root} outside hidden directories, relative and sorted. */
    private static List<String> files(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith(".") && !p.contains("/.") && !p.startsWith("data/") && !p.startsWith("spool"))
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
