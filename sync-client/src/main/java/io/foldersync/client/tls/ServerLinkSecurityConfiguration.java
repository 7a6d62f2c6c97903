package io.foldersync.client.tls;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.foldersync.client.ClientProperties;
import io.foldersync.client.link.ServerLink;
import io.foldersync.config.InvalidSettingException;
import io.foldersync.config.TlsProperties;
import io.foldersync.link.admission.GuardedConnections;
import io.foldersync.link.admission.Refusals;
import io.foldersync.link.tls.TlsSockets;
import io.foldersync.metrics.SyncMeters;

/**
 * How the client's connection to the server is protected: TLS trusting no authority (the
 * handshake binds the server's certificate to the token; {@code foldersync.server-fingerprint}
 * pins it), or plain TCP with a WARN at every start; and a deadline on the handshake, so a
 * server that accepts and never answers is given up and retried with the usual backoff.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
class ServerLinkSecurityConfiguration {

    private static final Log log = LogFactory.getLog(ServerLinkSecurityConfiguration.class);

    @Bean(destroyMethod = "close")
    GuardedConnections serverLinkGuards(TlsProperties tls, ClientProperties client, ServerLink link, SyncMeters meters) {
        String pin = client.pinnedFingerprint();
        TlsSockets sockets = null;
        if (tls.enabled()) {
            sockets = TlsSockets.client(pin, link::refusedServer);
            if (pin != null) {
                log.info("the server must present the certificate with SHA-256 fingerprint " + pin + " (foldersync.server-fingerprint)");
            }
        }
        else {
            if (pin != null) {
                throw new InvalidSettingException("foldersync.server-fingerprint",
                        "a pin needs TLS, but foldersync.tls.enabled is false");
            }
            log.warn("foldersync.tls.enabled=false: the connection to the server is plain TCP. File contents and changes "
                    + "cross the network unencrypted, and after the handshake anyone on the path can read or alter them; "
                    + "use it only on a network you trust");
        }
        if (tls.bundleName() != null) {
            log.warn("foldersync.tls.bundle is a server setting; this client ignores it");
        }
        return GuardedConnections.client(sockets, new Refusals(meters::connectionRefused), GuardedConnections.HANDSHAKE_DEADLINE);
    }
}
