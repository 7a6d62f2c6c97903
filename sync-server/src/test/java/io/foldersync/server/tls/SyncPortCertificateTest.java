package io.foldersync.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;

import io.foldersync.config.InvalidSettingException;
import io.foldersync.link.tls.Fingerprints;

/** Where the sync port's certificate comes from, and that its fingerprint is the certificate's. */
class SyncPortCertificateTest {

    @TempDir
    Path dir;

    @Test
    void theSelfSignedCertificateIsGeneratedBesideTheStateDatabaseAndFingerprinted() throws Exception {
        SyncPortCertificate certificate = SyncPortCertificate.selfSigned(dir, SelfSignedCertificateTest.NOW);

        X509Certificate onDisk = SelfSignedCertificateTest.parse(Files.readString(dir.resolve(SelfSignedCertificate.CERTIFICATE_FILE)));
        assertThat(certificate.fingerprint()).isEqualTo(Fingerprints.of(onDisk)).matches("[0-9a-f]{64}");
        assertThat(certificate.bundle().createSslContext()).isNotNull();
    }

    @Test
    void aKeystoreBundleProvidesTheCertificate() throws Exception {
        SelfSignedCertificate.Pem pem = SelfSignedCertificate.generate(SelfSignedCertificateTest.NOW);
        X509Certificate x509 = SelfSignedCertificateTest.parse(pem.certificate());
        String base64 = pem.privateKey().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("sync", KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(base64))), "secret".toCharArray(), new Certificate[] { x509 });
        Path file = dir.resolve("sync.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }
        SslBundle bundle = SslBundle.of(new JksSslStoreBundle(new JksSslStoreDetails("PKCS12", null, file.toUri().toString(),
                "secret"), null));

        SyncPortCertificate certificate = SyncPortCertificate.fromBundle(new DefaultSslBundleRegistry("operators", bundle),
                "operators");

        assertThat(certificate.fingerprint()).isEqualTo(Fingerprints.of(x509));
        assertThat(certificate.source()).contains("operators");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sync.p12"); // nothing generated
        }
    }

    @Test
    void anUnknownBundleNameStopsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> SyncPortCertificate.fromBundle(new DefaultSslBundleRegistry(), "nope"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("foldersync.tls.bundle")
                .hasMessageContaining("'nope'");
    }
}
