package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.client.link.ServerLink;
import io.foldersync.link.tls.Fingerprints;
import io.foldersync.server.tls.SelfSignedCertificate;

/**
 * TLS between a real server and real clients, the server's certificate coming from an operator's
 * SSL bundle (PEM files): a client pinned to that certificate syncs; a client pinned to another
 * one is refused in the TLS handshake; a client that reaches the server through a man in the
 * middle (TLS terminated with another certificate, bytes relayed unchanged) fails the handshake,
 * and so does the server: no session, no file.
 */
class SecureLinkTest {

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static String bundleFingerprint;

    @BeforeAll
    static void startServerWithABundle() throws Exception {
        SelfSignedCertificate.Pem pem = SelfSignedCertificate.generate(Instant.now());
        Path certificate = base.resolve("operator").resolve("server.crt");
        Path key = base.resolve("operator").resolve("server.key");
        write(certificate, pem.certificate());
        write(key, pem.privateKey());
        bundleFingerprint = Fingerprints.of(CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.certificate().getBytes(StandardCharsets.US_ASCII))));
        cluster = SyncCluster.create(base, "docs");
        write(cluster.serverFolder().resolve("hello.txt"), "over TLS\n");
        cluster.startServer("--spring.ssl.bundle.pem.sync.keystore.certificate=file:" + certificate,
                "--spring.ssl.bundle.pem.sync.keystore.private-key=file:" + key,
                "--foldersync.tls.bundle=sync");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aClientPinnedToTheBundlesCertificateSyncsAndNoCertificateWasGenerated() {
        // the pin in the form openssl prints it (upper case, colons) is accepted too
        String opensslForm = bundleFingerprint.toUpperCase().replaceAll("(..)(?!$)", "$1:");
        SyncCluster.ClientNode client = cluster.startClient("pinned", "--foldersync.server-fingerprint=" + opensslForm);

        await().atMost(CONVERGE).until(() -> has(client.folder().resolve("hello.txt"), "over TLS\n"));
        assertThat(client.connected()).isTrue();
        assertThat(base.resolve("server-data").resolve(SelfSignedCertificate.CERTIFICATE_FILE)).doesNotExist();
    }

    @Test
    void aClientPinnedToAnotherCertificateIsRefusedInTheTlsHandshake() {
        SyncCluster.ClientNode client = cluster.startClient("mispinned", "--foldersync.server-fingerprint=" + "0f".repeat(32));
        ServerLink link = client.bean(ServerLink.class);

        await().atMost(CONVERGE).until(() -> link.lastError() != null && link.lastError().contains("pinned"));
        assertThat(link.lastError()).contains(bundleFingerprint);
        await().atMost(CONVERGE).until(() -> client.counter("foldersync.connections.refused", "code", "TLS_FAILED") > 0);
        assertThat(client.connected()).isFalse();
        assertThat(client.folder().resolve("hello.txt")).doesNotExist();
    }

    @Test
    void aManInTheMiddleWithItsOwnCertificateFailsTheHandshakeOnBothSides() throws Exception {
        double refusedBefore = cluster.server().counter("foldersync.connections.refused", "code", "AUTH_FAILED");
        try (TlsRelay relay = new TlsRelay(cluster.server().syncPort())) {
            SyncCluster.ClientNode client = cluster.startClientAt("relayed", relay.port());
            ServerLink link = client.bean(ServerLink.class);

            // the server: the client's AUTH is bound to the relay's certificate, not to its own
            await().atMost(CONVERGE).until(() -> cluster.server().counter("foldersync.connections.refused", "code",
                    "AUTH_FAILED") > refusedBefore);
            // the client: refused, never connected, took nothing
            await().atMost(CONVERGE).until(() -> link.lastError() != null && link.lastError().contains("AUTH_FAILED"));
            assertThat(relay.relayedToServer.get()).isPositive();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !client.connected());
            assertThat(client.folder().resolve("hello.txt")).doesNotExist();
            assertThat(Files.exists(client.folder()) ? SyncCluster.tree(client.folder()) : java.util.Map.of()).isEmpty();
            client.stop();
        }
    }
}
