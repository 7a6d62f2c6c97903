package io.foldersync.server.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Collections;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import io.foldersync.config.InvalidSettingException;
import io.foldersync.link.tls.Fingerprints;

/**
 * The certificate the sync port presents: the operator's SSL bundle ({@code foldersync.tls.bundle}),
 * or the self-signed one kept beside the state database.
 *
 * @param bundle key material for the TLS server
 * @param fingerprint lower-case hex SHA-256 of the certificate's DER: what clients see and may pin
 * @param source where it comes from, for the log
 */
public record SyncPortCertificate(SslBundle bundle, String fingerprint, String source) {

    /** The operator's bundle called {@code name}. */
    public static SyncPortCertificate fromBundle(SslBundles bundles, String name) {
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(name);
        }
        catch (NoSuchSslBundleException e) {
            throw new InvalidSettingException("foldersync.tls.bundle", "there is no SSL bundle named '" + name
                    + "' (define spring.ssl.bundle.pem." + name + ".keystore.* or spring.ssl.bundle.jks." + name + ".keystore.*)");
        }
        return new SyncPortCertificate(bundle, fingerprintOf(bundle, name), "SSL bundle '" + name + "'");
    }

    /** The self-signed certificate in {@code directory}, generated on first use. */
    public static SyncPortCertificate selfSigned(Path directory, Instant now) {
        SelfSignedCertificate.Pem pem;
        try {
            pem = SelfSignedCertificate.loadOrCreate(directory, now);
        }
        catch (IOException e) {
            throw new InvalidSettingException("foldersync.state-db", "the sync port's certificate beside the state "
                    + "database cannot be used: " + e.getMessage(), e);
        }
        SslBundle bundle = SslBundle.of(new PemSslStoreBundle(
                PemSslStoreDetails.forCertificate(pem.certificate()).withPrivateKey(pem.privateKey()), null));
        return new SyncPortCertificate(bundle, fingerprintOf(bundle, "self-signed"),
                directory.resolve(SelfSignedCertificate.CERTIFICATE_FILE) + " (self-signed)");
    }

    private static String fingerprintOf(SslBundle bundle, String name) {
        try {
            KeyStore store = bundle.getStores().getKeyStore();
            if (store == null) {
                throw new InvalidSettingException("foldersync.tls.bundle", "SSL bundle '" + name + "' has no key store: "
                        + "the sync port needs a certificate and its private key");
            }
            String alias = bundle.getKey() != null ? bundle.getKey().getAlias() : null;
            if (alias == null) {
                alias = Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).findFirst()
                        .orElseThrow(() -> new InvalidSettingException("foldersync.tls.bundle", "SSL bundle '" + name
                                + "' holds no private key: the sync port needs a certificate and its private key"));
            }
            Certificate certificate = store.getCertificate(alias);
            if (certificate == null) {
                throw new InvalidSettingException("foldersync.tls.bundle", "SSL bundle '" + name + "' has no certificate under alias " + alias);
            }
            return Fingerprints.of(certificate);
        }
        catch (KeyStoreException e) {
            throw new InvalidSettingException("foldersync.tls.bundle", "SSL bundle '" + name + "' cannot be read", e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        }
        catch (KeyStoreException e) {
            return false;
        }
    }
}
