package io.foldersync.link.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Turns a connected TCP socket into a TLS one, the same way on both sides. The TCP socket is
 * accepted or connected first and TLS is layered on it, so the connection keeps a handle on the
 * plain socket: closing that one ends a stalled TLS handshake at once, from any thread.
 *
 * <p>TLS 1.3 and 1.2 only, authenticated encryption only: AES-GCM first (AES-NI makes it the
 * fastest on servers), ChaCha20-Poly1305 for machines without it. An operator's SSL bundle may
 * name its own protocols and ciphers; they win.
 */
public final class TlsSockets {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final SSLContext context;

    private final SSLSocketFactory factory;

    private final String[] protocols;

    private final String[] cipherSuites;

    private TlsSockets(SSLContext context, SslOptions options) {
        this.context = context;
        this.factory = context.getSocketFactory();
        SSLParameters supported = context.getSupportedSSLParameters();
        this.protocols = options.getEnabledProtocols() != null ? options.getEnabledProtocols()
                : only(PROTOCOLS, supported.getProtocols());
        this.cipherSuites = options.getCiphers() != null ? options.getCiphers()
                : only(CIPHER_SUITES, supported.getCipherSuites());
    }

    /** The server's side: its certificate and key from {@code bundle}. */
    public static TlsSockets server(SslBundle bundle) {
        return new TlsSockets(bundle.createSslContext(), bundle.getOptions());
    }

    /**
     * The client's side: any server certificate is accepted at the TLS level (the handshake binds
     * it), unless {@code pin} (a normalised fingerprint, or null) says which one.
     */
    public static TlsSockets client(String pin, Consumer<String> refused) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new PinnedOrAnyServer(pin, refused) }, null);
            return new TlsSockets(context, SslOptions.NONE);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every Java runtime", e);
        }
    }

    /** TLS over {@code plain} (closing the TLS socket closes it); the handshake runs at the first read or write. */
    public SSLSocket layer(Socket plain, boolean server) throws IOException {
        SSLSocket tls = server ? (SSLSocket) factory.createSocket(plain, null, true)
                : (SSLSocket) factory.createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(!server);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        parameters.setUseCipherSuitesOrder(true);
        tls.setSSLParameters(parameters);
        return tls;
    }

    public SSLContext context() {
        return context;
    }

    String[] protocols() {
        return protocols.clone();
    }

    String[] cipherSuites() {
        return cipherSuites.clone();
    }

    private static String[] only(List<String> wanted, String[] supported) {
        Set<String> available = Set.of(supported);
        String[] chosen = wanted.stream().filter(available::contains).toArray(String[]::new);
        if (chosen.length == 0) {
            throw new IllegalStateException("this Java runtime supports none of " + wanted + " (it has "
                    + Arrays.toString(supported) + ")");
        }
        return chosen;
    }
}
