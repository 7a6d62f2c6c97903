package io.foldersync.server.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's own certificate when the operator brings none: an EC P-256 key and a self-signed
 * certificate, generated on first start and kept as two PEM files beside the state database, so
 * the fingerprint clients may pin stays the same across restarts. The private key file is
 * created readable by its owner only (0600) before a byte is written to it.
 *
 * <p>Nobody validates this certificate against an authority (the handshake binds it to the
 * token), so its names and dates only need to be valid: CN {@code foldersync-server}, 20 years.
 */
public final class SelfSignedCertificate {

    private static final Log log = LogFactory.getLog(SelfSignedCertificate.class);

    public static final String CERTIFICATE_FILE = "sync-tls-certificate.pem";

    public static final String PRIVATE_KEY_FILE = "sync-tls-private-key.pem";

    static final Duration VALIDITY = Duration.ofDays(20 * 365);

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The two PEM texts. */
    public record Pem(String certificate, String privateKey) {
    }

    private SelfSignedCertificate() {
    }

    /**
     * The certificate kept in {@code directory}, generated first when there is none. A certificate
     * without its key is not silently replaced (clients may pin it): that is an error to resolve.
     */
    public static Pem loadOrCreate(Path directory, Instant now) throws IOException {
        Path certificate = directory.resolve(CERTIFICATE_FILE);
        Path key = directory.resolve(PRIVATE_KEY_FILE);
        if (Files.exists(certificate)) {
            if (!Files.exists(key)) {
                throw new IOException(certificate + " exists but its private key " + key + " does not; restore the key, "
                        + "or delete the certificate to generate a new pair (clients pinning the old fingerprint must then be updated)");
            }
            warnIfOthersCanRead(key);
            return new Pem(Files.readString(certificate, StandardCharsets.US_ASCII), Files.readString(key, StandardCharsets.US_ASCII));
        }
        // no certificate: a key alone is the remains of an interrupted first start, never used
        Pem pem = generate(now);
        Files.createDirectories(directory);
        writeAtomically(key, pem.privateKey(), true);
        writeAtomically(certificate, pem.certificate(), false);
        log.info("generated a self-signed certificate for the sync port: " + certificate + " (private key " + key + ")");
        return pem;
    }

    /** A fresh key pair and certificate, as PEM. */
    public static Pem generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=foldersync-server");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new Pem(pem("CERTIFICATE", certificate.getEncoded()), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        }
        catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot generate the sync port's certificate", e);
        }
    }

    static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = secret && posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) } : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", attributes);
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void warnIfOthersCanRead(Path key) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(key))) {
                log.warn("the sync port's private key " + key + " is readable by others than its owner; chmod 600 it");
            }
        }
        catch (IOException e) {
            log.warn("cannot check the permissions of " + key + ": " + e.getMessage());
        }
    }
}
