package io.foldersync.server.tls;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.foldersync.config.SyncProperties;
import io.foldersync.config.TlsProperties;
import io.foldersync.link.admission.Admission;
import io.foldersync.link.admission.GuardedConnections;
import io.foldersync.link.admission.Refusals;
import io.foldersync.link.tls.TlsSockets;
import io.foldersync.metrics.SyncMeters;

/**
 * How the sync port protects itself: TLS with the configured or generated certificate (or plain
 * TCP, with a WARN at every start), admission caps and the handshake deadline. The server's
 * connection factory takes its connections from the {@link GuardedConnections} made here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
class SyncPortSecurityConfiguration {

    private static final Log log = LogFactory.getLog(SyncPortSecurityConfiguration.class);

    @Bean
    SyncPortCertificate syncPortCertificate(TlsProperties tls, SyncProperties properties, ObjectProvider<SslBundles> bundles,
            Clock clock) {
        if (!tls.enabled()) {
            return null;
        }
        SyncPortCertificate certificate = tls.bundleName() != null
                ? SyncPortCertificate.fromBundle(bundles.getObject(), tls.bundleName())
                : SyncPortCertificate.selfSigned(properties.stateDbOr("server").getParent(), clock.instant());
        log.info("sync port TLS certificate: " + certificate.source() + "; SHA-256 fingerprint " + certificate.fingerprint()
                + " (clients may pin it with --foldersync.server-fingerprint=" + certificate.fingerprint() + ")");
        return certificate;
    }

    @Bean(destroyMethod = "close")
    GuardedConnections syncPortGuards(TlsProperties tls, ObjectProvider<SyncPortCertificate> certificate, SyncMeters meters) {
        TlsSockets sockets = null;
        if (tls.enabled()) {
            sockets = TlsSockets.server(certificate.getObject().bundle());
        }
        else {
            log.warn("foldersync.tls.enabled=false: the sync port speaks plain TCP. File contents and changes cross the "
                    + "network unencrypted, and after the handshake anyone on the path can read or alter them; "
                    + "use it only on a network you trust");
        }
        Admission admission = new Admission();
        meters.gauge("foldersync.connections.unauthenticated", "Connections to the sync port still in the handshake",
                admission::unauthenticated);
        return GuardedConnections.server(sockets, admission, new Refusals(meters::connectionRefused),
                GuardedConnections.HANDSHAKE_DEADLINE);
    }
}
