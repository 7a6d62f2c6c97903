package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.TOKEN;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.foldersync.client.link.ServerLink;
import io.foldersync.files.TextFiles;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Handshake;
import io.foldersync.protocol.ManifestEntry;
import io.foldersync.protocol.Manifests;
import io.foldersync.protocol.SyncMessage;

/**
 * A real client against a fake server that speaks frames by hand: the client drops a server that
 * cannot prove it knows the token (and takes nothing from it), and it corrects the times it sends
 * by the clock offset it measured from {@code WELCOME.serverTime}. Both over TLS (the default)
 * and plain TCP (explicit).
 */
@ExtendWith(OutputCaptureExtension.class)
@ParameterizedClass(name = "tls={0}")
@ValueSource(booleans = { true, false })
class ClientAgainstFakeServerTest {

    static final long HOUR = 3_600_000L;

    @TempDir
    Path base;

    SyncCluster cluster;

    FakeServer fake;

    @Parameter
    boolean tls;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    /** The fake's answer, bounded; on a timeout the fake's own failures say why. */
    private <T> T within(CompletableFuture<T> answer) throws Exception {
        try {
            return answer.get(CONVERGE.toSeconds(), TimeUnit.SECONDS);
        }
        catch (java.util.concurrent.TimeoutException e) {
            AssertionError error = new AssertionError("the fake server got no answer in time; its failures: " + fake.failures);
            fake.failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    @Test
    void dropsAServerThatCannotProveItKnowsTheTokenAndWritesNothingItSends() throws Exception {
        CompletableFuture<Boolean> closedByClient = new CompletableFuture<>();
        AtomicBoolean first = new AtomicBoolean(true);
        byte[] planted = "planted by an impostor\n".getBytes(StandardCharsets.UTF_8);
        fake = new FakeServer(base.resolve("spool"), tls, connection -> {
            SyncMessage.Hello hello = connection.next(SyncMessage.Hello.class);
            String serverNonce = Handshake.newNonce();
            connection.send(new SyncMessage.Challenge(serverNonce));
            connection.next(SyncMessage.Auth.class);
            // a proof made without the token: the impostor guesses
            String wrongProof = new Handshake("not-the-token-0123456789").serverProof(hello.nonce(), serverNonce,
                    connection.fingerprint());
            connection.send(new SyncMessage.Welcome("docs", wrongProof, System.currentTimeMillis(), List.of()));
            try {
                connection.send(new Frame(new SyncMessage.FileUpdate(null, "docs", "planted.txt",
                        System.currentTimeMillis(), TextFiles.sha256(planted), null), Content.of(planted)));
            }
            catch (java.io.IOException e) {
                // the client may have closed already: all the better
            }
            boolean closed = connection.closedByPeer();
            if (first.getAndSet(false)) {
                closedByClient.complete(closed);
            }
        });
        cluster = SyncCluster.create(base, "docs");
        SyncCluster.ClientNode client = cluster.startClientAt("doubter", fake.port(), "--foldersync.tls.enabled=" + tls);
        assertThat(within(closedByClient)).isTrue();
        assertThat(client.connected()).isFalse();
        assertThat(client.bean(ServerLink.class).lastError()).contains("could not prove");
        assertThat(client.folder().resolve("planted.txt")).doesNotExist();
        assertThat(SyncCluster.tree(client.folder())).isEmpty();
        assertThat(fake.failures).isEmpty();
    }

    @Test
    void correctsTheTimesItSendsByTheClockOffsetMeasuredAtWelcome(CapturedOutput output) throws Exception {
        CompletableFuture<SyncMessage.ManifestRequest> manifestRequest = new CompletableFuture<>();
        CompletableFuture<SyncMessage.FileUpdate> upload = new CompletableFuture<>();
        long localMtime = 1_700_000_000_000L;
        fake = new FakeServer(base.resolve("spool"), tls, connection -> {
            // every connection gets the same script: should one fail half-way, the client's next attempt completes it
            SyncMessage.Hello hello = connection.next(SyncMessage.Hello.class);
            String serverNonce = Handshake.newNonce();
            connection.send(new SyncMessage.Challenge(serverNonce));
            connection.next(SyncMessage.Auth.class);
            // this server's clock is an hour ahead of the client's
            connection.send(new SyncMessage.Welcome("docs", new Handshake(TOKEN).serverProof(hello.nonce(), serverNonce,
                    connection.fingerprint()), System.currentTimeMillis() + HOUR, List.of()));
            manifestRequest.complete(connection.next(SyncMessage.ManifestRequest.class));
            // the server has another version of the client's file, and there is no base: a conflict to send up
            List<ManifestEntry> entries = List.of(new ManifestEntry("notes.txt",
                    TextFiles.sha256("the server's notes\n".getBytes(StandardCharsets.UTF_8)), localMtime + HOUR, 18));
            connection.send(new Frame(new SyncMessage.Manifest("docs", Manifests.digest(entries), 1),
                    Content.of(Manifests.encode(entries))));
            upload.complete(connection.next(SyncMessage.FileUpdate.class));
            connection.closedByPeer();
        });
        cluster = SyncCluster.create(base, "docs");
        Path folder = base.resolve("clients").resolve("skewed").resolve("folder");
        write(folder.resolve("notes.txt"), "the client's notes\n");
        Files.setLastModifiedTime(folder.resolve("notes.txt"), FileTime.fromMillis(localMtime));
        SyncCluster.ClientNode client = cluster.startClientAt("skewed", fake.port(), "--foldersync.tls.enabled=" + tls);

        SyncMessage.ManifestRequest request = within(manifestRequest);
        assertThat(request.clockOffsetMs()).isBetween(HOUR - 5_000, HOUR + 5_000);
        assertThat(client.bean(ServerLink.class).clockOffsetMs()).isBetween(HOUR - 5_000, HOUR + 5_000);
        SyncMessage.FileUpdate update = within(upload);
        assertThat(update.path()).isEqualTo("notes.txt");
        assertThat(update.baseSha256()).isNull();
        // the local mtime, in the server's clock: a client whose clock is behind does not lose every conflict
        assertThat(update.mtime() - localMtime).isBetween(HOUR - 5_000, HOUR + 5_000);
        assertThat(fake.failures).isEmpty();
        assertThat(output.getOut()).contains("this machine's clock differs from the server's by");
    }
}
