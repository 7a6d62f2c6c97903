package io.foldersync.client;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;


import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

import io.foldersync.client.link.Connector;
import io.foldersync.client.link.ServerLink;
import io.foldersync.client.mirror.ClientSync;
import io.foldersync.config.SideConfiguration;
import io.foldersync.config.StateConfiguration;
import io.foldersync.config.SyncProperties;
import io.foldersync.files.FileRules;
import io.foldersync.transfer.Decoder;
import io.foldersync.transfer.Encoder;
import io.foldersync.transfer.Transfers;
import io.foldersync.files.FolderWatcher;
import io.foldersync.files.Troubles;
import io.foldersync.files.WatchFlows;
import io.foldersync.link.FrameConnections;
import io.foldersync.link.admission.GuardedConnections;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.FrameCodec;
import io.foldersync.state.StateStore;
import io.foldersync.web.AdminSecurity;

/**
 * The client's wiring: the watch flow of the local folder (watcher -> batch -> {@link ClientSync})
 * and the inbound TCP flow (server connection -> frame codec -> {@link ServerLink} -> mirror).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SyncProperties.class, ClientProperties.class })
@Import({ StateConfiguration.class, AdminSecurity.class })
class ClientConfiguration extends SideConfiguration {

    /** Frames the client may queue for the server before the connection is dropped and rebuilt. */
    static final int QUEUE_CAPACITY = 10_000;

    @Override
    protected String side() {
        return "client";
    }

    @Bean
    ServerLink serverLink(ClientProperties client, SyncProperties properties, Clock clock) {
        return new ServerLink(client.effectiveClientId(), properties.token(), clock, QUEUE_CAPACITY);
    }

    @Bean
    Troubles troubles(Clock clock) {
        return new Troubles(clock);
    }

    @Bean
    ClientSync clientSync(ClientProperties client, FileRules rules, StateStore store, SyncMeters meters,
            SyncProperties properties, Clock clock, ServerLink link, Troubles troubles,
            ScheduledExecutorService syncThread, Encoder encoder, Decoder decoder) throws IOException {
        LocalFolderSetting.check(client.localFolder());
        ClientSync sync = new ClientSync(link.clientId(), client.localFolder(), rules, store, meters, properties.limits(),
                clock, link, troubles, syncThread, new Transfers(encoder, decoder, properties.compression()));
        sync.fullScanEvery(properties.fullScanInterval());
        link.setHandler(sync, meters);
        meters.gauge("foldersync.files.tracked", "Files of the mirrored folder in the state database", sync::trackedFiles);
        meters.gauge("foldersync.clients.connected", "1 when connected to the server", () -> link.isReady() ? 1 : 0);
        return sync;
    }

    @Bean
    TcpNetClientConnectionFactory serverConnectionFactory(ClientProperties client, FrameCodec codec, ServerLink link,
            GuardedConnections serverLinkGuards) {
        TcpNetClientConnectionFactory factory = new TcpNetClientConnectionFactory(client.serverHost(), client.serverPort());
        factory.setConnectTimeout(5);
        serverLinkGuards.guard(factory); // TLS, the optional pin, handshake deadline (io.foldersync.client.tls)
        return FrameConnections.speakFrames(factory, codec, link);
    }

    @Bean
    IntegrationFlow serverInbound(TcpNetClientConnectionFactory serverConnectionFactory, ServerLink link) {
        return FrameConnections.inbound(serverConnectionFactory, link::onMessage);
    }

    @Bean
    IntegrationFlow localWatch(ClientSync sync, ScheduledExecutorService syncThread) {
        FolderWatcher watcher = new FolderWatcher(sync.root());
        sync.watchedBy(watcher);
        return WatchFlows.watch(watcher, "local", syncThread, sync::onLocalEvents);
    }

    @Bean
    Connector connector(TcpNetClientConnectionFactory serverConnectionFactory, ServerLink link, SyncProperties properties) {
        return new Connector(serverConnectionFactory, link, properties.interval());
    }
}
