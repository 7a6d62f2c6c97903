package io.foldersync.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;


import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.foldersync.config.SideConfiguration;
import io.foldersync.config.StateConfiguration;
import io.foldersync.config.SyncProperties;
import io.foldersync.files.FileRules;
import io.foldersync.link.FrameConnections;
import io.foldersync.link.admission.GuardedConnections;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.FrameCodec;
import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.conflict.ConflictRepository;
import io.foldersync.server.folder.FolderSwitcher;
import io.foldersync.server.folder.Folders;
import io.foldersync.server.folder.ServerSync;
import io.foldersync.server.session.ClientSessions;
import io.foldersync.server.session.ServerProtocol;
import io.foldersync.state.StateStore;
import io.foldersync.web.AdminSecurity;

/**
 * The server's wiring. Two flows carry the work: the watch flow of the active folder
 * (registered by {@link FolderSwitcher}: watcher -> batch -> {@link ServerSync}) and the
 * inbound TCP flow below (sync port -> frame codec -> {@link ServerProtocol}). Outbound frames
 * go through each session's own queue, so one slow client never holds back another.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SyncProperties.class, ServerProperties.class })
@EnableJdbcRepositories(basePackageClasses = ConflictRepository.class)
@Import({ StateConfiguration.class, AdminSecurity.class })
class ServerConfiguration extends SideConfiguration {

    private static final Log log = LogFactory.getLog(ServerConfiguration.class);

    /** Frames a client may be behind before it is dropped (and reconciles when it reconnects). */
    static final int SESSION_QUEUE_CAPACITY = 10_000;

    @Override
    protected String side() {
        return "server";
    }

    @Bean
    Folders folders(ServerProperties properties, StateStore store) {
        return new Folders(properties.folders(), properties.activeFolder(), store);
    }

    @Bean
    ClientSessions clientSessions(Clock clock, SyncMeters meters) {
        return new ClientSessions(clock, SESSION_QUEUE_CAPACITY, new ClientSessions.SessionEvents() {
            @Override
            public void sent(io.foldersync.server.session.ClientSession session, Frame frame) {
                if (frame.message() instanceof io.foldersync.protocol.SyncMessage.FileUpdate) {
                    meters.transferred("out", frame.content().length());
                }
            }
        });
    }

    @Bean
    ConflictKeeper conflictKeeper(ConflictRepository repository, SyncProperties properties, Clock clock) {
        Path directory = properties.stateDbOr("server").getParent().resolve("conflicts");
        return new ConflictKeeper(repository, directory, clock);
    }

    @Bean
    ServerSync serverSync(Folders folders, StateStore store, FileRules rules, ClientSessions sessions,
            ConflictKeeper conflicts, SyncMeters meters, SyncProperties properties, Clock clock) {
        ServerSync sync = new ServerSync(folders, store, rules, sessions, conflicts, meters, properties.limits(), clock);
        meters.gauge("foldersync.clients.connected", "Clients connected and authenticated", sessions::readyCount);
        meters.gauge("foldersync.files.tracked", "Files of the active folder in the state database", sync::trackedFiles);
        return sync;
    }

    @Bean
    FolderSwitcher folderSwitcher(IntegrationFlowContext flows, ServerSync sync, Folders folders,
            ClientSessions sessions, ScheduledExecutorService syncThread) {
        return new FolderSwitcher(flows, sync, folders, sessions, syncThread);
    }

    @Bean
    ServerProtocol serverProtocol(ClientSessions sessions, ServerSync sync, Folders folders, FolderSwitcher switcher,
            SyncProperties properties, Clock clock) {
        return new ServerProtocol(sessions, sync, folders, switcher, properties.token(), clock);
    }

    @Bean
    TcpNetServerConnectionFactory syncServerFactory(ServerProperties properties, FrameCodec codec,
            ClientSessions sessions, GuardedConnections syncPortGuards) {
        TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(properties.listenPort());
        factory.setLocalAddress(properties.listenAddress());
        syncPortGuards.guard(factory); // TLS, admission caps, handshake deadline (io.foldersync.server.tls)
        return FrameConnections.speakFrames(factory, codec, sessions);
    }

    @Bean
    IntegrationFlow syncInbound(TcpNetServerConnectionFactory syncServerFactory, ServerProtocol protocol) {
        return FrameConnections.inbound(syncServerFactory, protocol::onMessage);
    }

    @Bean
    PeriodicTasks periodicTasks(ServerSync sync, Folders folders, ClientSessions sessions, FolderSwitcher switcher,
            ScheduledExecutorService syncThread, SyncProperties properties) {
        return new PeriodicTasks(sync, folders, sessions, switcher, syncThread, properties.interval());
    }

    @EventListener
    void listening(TcpConnectionServerListeningEvent event) {
        log.info("sync port listening on port " + event.getPort());
    }
}
