package io.foldersync.link.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The fingerprint of a server certificate: lower-case hex SHA-256 of its DER encoding, the value
 * that the handshake's HMACs cover and that {@code foldersync.server-fingerprint} pins.
 */
public final class Fingerprints {

    /** What a plain connection contributes to the handshake's HMACs. */
    public static final String PLAIN = "";

    private Fingerprints() {
    }

    public static String of(Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        }
        catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate that cannot be encoded cannot have been used", e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The server certificate of a TLS session as this side sees it: the one it presented (server)
     * or the one it was shown (client). Only call once the TLS handshake is complete (after a
     * frame was read), or this blocks until it is.
     */
    public static String ofServer(SSLSession session, boolean thisSideIsServer) {
        Certificate[] chain;
        if (thisSideIsServer) {
            chain = session.getLocalCertificates();
        }
        else {
            try {
                chain = session.getPeerCertificates();
            }
            catch (SSLPeerUnverifiedException e) {
                chain = null;
            }
        }
        if (chain == null || chain.length == 0) {
            // no certificate on a TLS session: nothing matches, and the HMACs will not verify
            return "no-certificate";
        }
        return of(chain[0]);
    }

    /** Accepts the forms an operator pastes ({@code AB:CD:..} from openssl, upper case) as the canonical one. */
    public static String normalize(String fingerprint) {
        return fingerprint == null ? null : fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
    }

    /** True for 64 hex digits, optionally in pairs separated by colons. */
    public static boolean isWellFormed(String fingerprint) {
        return fingerprint != null && normalize(fingerprint).matches("[0-9a-f]{64}")
                && fingerprint.strip().matches("([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}");
    }
}
