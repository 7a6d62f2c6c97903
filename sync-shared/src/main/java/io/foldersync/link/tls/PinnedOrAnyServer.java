package io.foldersync.link.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client's trust in the server's certificate: none from any authority. A self-signed
 * certificate is the normal case; what makes the connection trustworthy is the handshake, whose
 * HMACs cover the fingerprint of the certificate seen here, so a relay with another certificate
 * cannot complete it. With a pin ({@code foldersync.server-fingerprint}), a server presenting
 * any other certificate is refused during the TLS handshake, before a byte of the protocol flows.
 */
final class PinnedOrAnyServer extends X509ExtendedTrustManager {

    private final String pin;

    private final Consumer<String> refused;

    /** @param pin the normalised fingerprint to require, or null for none; @param refused told why a server was refused */
    PinnedOrAnyServer(String pin, Consumer<String> refused) {
        this.pin = pin;
        this.refused = refused;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        if (pin != null) {
            String seen = Fingerprints.of(chain[0]);
            if (!pin.equals(seen)) {
                String why = "the server's certificate has fingerprint " + seen
                        + ", not the one pinned by foldersync.server-fingerprint (" + pin + ")";
                refused.accept(why);
                throw new CertificateException(why);
            }
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a foldersync client does not accept connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
