package io.foldersync.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void generatesAnEcCertificateValidForTwentyYearsWithItsKeyReadableByTheOwnerOnly() throws Exception {
        SelfSignedCertificate.Pem pem = SelfSignedCertificate.loadOrCreate(dir, NOW);

        X509Certificate certificate = parse(pem.certificate());
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=foldersync-server");
        certificate.verify(certificate.getPublicKey()); // self-signed
        certificate.checkValidity(java.util.Date.from(NOW));
        certificate.checkValidity(java.util.Date.from(NOW.plus(SelfSignedCertificate.VALIDITY).minusSeconds(60)));
        assertThat(pem.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        Path key = dir.resolve(SelfSignedCertificate.PRIVATE_KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(SelfSignedCertificate.CERTIFICATE_FILE))).isEqualTo(pem.certificate());
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(2); // no temporary file left
        }
    }

    @Test
    void keepsTheSameCertificateAcrossRestartsSoAPinStaysValid() throws IOException {
        SelfSignedCertificate.Pem first = SelfSignedCertificate.loadOrCreate(dir, NOW);
        SelfSignedCertificate.Pem again = SelfSignedCertificate.loadOrCreate(dir, NOW.plusSeconds(86_400));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void refusesACertificateWhoseKeyIsGoneInsteadOfQuietlyReplacingIt() throws IOException {
        SelfSignedCertificate.Pem first = SelfSignedCertificate.loadOrCreate(dir, NOW);
        Files.delete(dir.resolve(SelfSignedCertificate.PRIVATE_KEY_FILE));

        assertThatThrownBy(() -> SelfSignedCertificate.loadOrCreate(dir, NOW)).isInstanceOf(IOException.class)
                .hasMessageContaining("private key").hasMessageContaining("pinning");
        assertThat(Files.readString(dir.resolve(SelfSignedCertificate.CERTIFICATE_FILE))).isEqualTo(first.certificate());
    }

    @Test
    void replacesAKeyLeftAloneByAnInterruptedFirstStart() throws IOException {
        Files.writeString(dir.resolve(SelfSignedCertificate.PRIVATE_KEY_FILE), "half written");

        SelfSignedCertificate.Pem pem = SelfSignedCertificate.loadOrCreate(dir, NOW);

        assertThat(Files.readString(dir.resolve(SelfSignedCertificate.PRIVATE_KEY_FILE))).isEqualTo(pem.privateKey());
    }

    @Test
    void twoGenerationsGiveTwoDifferentKeys() {
        assertThat(SelfSignedCertificate.generate(NOW).privateKey()).isNotEqualTo(SelfSignedCertificate.generate(NOW).privateKey());
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
