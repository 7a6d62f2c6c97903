package io.foldersync.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
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
import io.foldersync.files.Troubles;
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.folder.ClientEdits;
import io.foldersync.server.folder.FileServing;
import io.foldersync.server.folder.FolderCheck;
import io.foldersync.server.folder.Folders;
import io.foldersync.server.folder.ServerChanges;
import io.foldersync.server.folder.Updates;
import io.foldersync.transfer.Decoder;
import io.foldersync.transfer.Encoder;
import io.foldersync.server.folder.ServerSync;
import io.foldersync.server.folder.SyncStatus;
import io.foldersync.server.permission.ClientTokens;
import io.foldersync.server.permission.Permissions;
import io.foldersync.server.request.ClientRequests;
import io.foldersync.server.session.ClientSessions;
import io.foldersync.server.session.Refusals;
import io.foldersync.server.session.ServerDispatcher;
import io.foldersync.server.session.ServerProtocol;
import io.foldersync.state.StateStore;
import io.foldersync.web.AdminSecurity;

/**
 * The server's wiring. Two flows carry the work: the watch flow of the active folder
 * (registered by {@link ActiveFolder}: watcher -> batch -> {@link ServerChanges}) and the
 * inbound TCP flow below (sync port -> frame codec -> {@link ServerProtocol}). Outbound frames
 * go through each session's own queue, so one slow client never holds back another.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SyncProperties.class, ServerProperties.class })
@EnableJdbcRepositories(basePackageClasses = ConflictRepository.class)
@Import({ StateConfiguration.class, AdminSecurity.class })
class ServerConfiguration extends SideConfiguration {

    private static final Log log = LogFactory.getLog(ServerConfiguration.class);

    /**
     * Frames queued for one client at most. A queued file is an intention (a path, read when its turn
     * comes), about 200 bytes: 100 000 of them are 20 MB, room for a checkout of tens of thousands of
     * files. Beyond it a broadcast is missed, not waited for, and the client catches up by a reconcile;
     * answers to its own requests wait for room instead (back-pressure on that client only).
     */
    static final int SESSION_QUEUE_CAPACITY = 100_000;

    /** The state database setting that holds this server's identity (WELCOME's serverId). */
    static final String SERVER_ID_SETTING = "server-id";

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
                if (frame.message() instanceof io.foldersync.protocol.SyncMessage.FileUpdate update) {
                    long wire = frame.content().length();
                    meters.transferred("out", update.size() != null ? update.size() : wire);
                    meters.onWire("out", wire);
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
    Troubles troubles(Clock clock) {
        return new Troubles(clock);
    }

    @Bean
    SyncStatus syncStatus(Clock clock) {
        return new SyncStatus(clock);
    }

    @Bean
    Refusals refusals(SyncMeters meters) {
        return new Refusals(meters);
    }

    @Bean
    FolderCheck folderCheck(StateStore store, ConflictKeeper conflicts, Folders folders, SyncProperties properties) {
        FolderCheck check = new FolderCheck(store, conflicts, properties.maxFileBytes().toBytes());
        folders.list().forEach(info -> check.checkPath(info.name(), folders.path(info.name())));
        return check;
    }

    @Bean
    ActiveFolder activeFolder(IntegrationFlowContext flows, Folders folders, ClientSessions sessions,
            ScheduledExecutorService syncThread) {
        return new ActiveFolder(flows, folders, sessions, syncThread);
    }

    /** The server's FILE_UPDATEs, in the form each client agreed (delta, zstd, plain). */
    @Bean
    Updates updates(SyncProperties properties, Encoder encoder) {
        return new Updates(properties.limits(), encoder, properties.compression());
    }

    @Bean
    ServerChanges serverChanges(ActiveFolder active, Folders folders, FolderCheck check, StateStore store,
            FileRules rules, ClientSessions sessions, SyncMeters meters, Updates updates, Troubles troubles,
            SyncStatus status) {
        ServerChanges changes = new ServerChanges(active, folders, check, store, rules, sessions, meters,
                updates, troubles, status);
        active.setEngine(changes);
        return changes;
    }

    @Bean
    ClientEdits clientEdits(ActiveFolder active, Folders folders, FolderCheck check, StateStore store, FileRules rules,
            ClientSessions sessions, ConflictKeeper conflicts, SyncMeters meters, SyncProperties properties,
            Troubles troubles, Refusals refusals, SyncStatus status, Clock clock, Updates updates, Decoder decoder) {
        return new ClientEdits(active, folders, check, store, rules, sessions, conflicts, meters, properties.limits(),
                troubles, refusals, status, clock, updates, decoder);
    }

    @Bean
    FileServing fileServing(Folders folders, StateStore store, SyncProperties properties, Refusals refusals,
            FrameCodec codec, Updates updates) {
        return new FileServing(folders, store, properties.limits(), refusals, codec.spoolDirectory(), updates);
    }

    @Bean
    ServerSync serverSync(ActiveFolder active, Folders folders, ClientEdits edits, FileServing serving,
            SyncStatus status, StateStore store, SyncMeters meters, ClientSessions sessions, ClientRequests requests) {
        ServerSync sync = new ServerSync(active, folders, edits, serving, status, store, requests);
        meters.gauge("foldersync.clients.connected", "Clients connected and authenticated", sessions::readyCount);
        meters.gauge("foldersync.files.tracked", "Files of the active folder in the state database", sync::trackedFiles);
        return sync;
    }

    /**
     * The token each client proves. A grant to a client id that proves only the shared token is
     * usable by anyone holding that token: said once at start, so the operator can bind the id.
     */
    @Bean
    ClientTokens clientTokens(SyncProperties sync, ServerProperties properties, Permissions permissions) {
        ClientTokens tokens = new ClientTokens(sync.token(), properties.clientTokens());
        List<String> unbound = tokens.unbound(permissions.grantedIds());
        if (!unbound.isEmpty()) {
            log.warn("grants name client id(s) " + unbound + " that prove only the shared foldersync.token: any client "
                    + "holding it may use them under that id; give each its own token (foldersync.client-tokens.<id>)");
        }
        if (tokens.ownTokens() > 0) {
            log.info(tokens.ownTokens() + " client id(s) prove their own token (foldersync.client-tokens)");
        }
        return tokens;
    }

    @Bean
    ServerProtocol serverProtocol(ClientSessions sessions, ServerSync sync, ActiveFolder active, Refusals refusals,
            ClientTokens tokens, Clock clock, StateStore store) {
        String serverId = store.setting(SERVER_ID_SETTING).orElseGet(() -> {
            String fresh = UUID.randomUUID().toString();
            store.setting(SERVER_ID_SETTING, fresh);
            return fresh;
        });
        return new ServerProtocol(sessions, new ServerDispatcher(sync, refusals), active, refusals, tokens,
                clock, serverId);
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
    PeriodicTasks periodicTasks(ServerSync sync, ServerChanges changes, ActiveFolder active, ClientSessions sessions,
            ScheduledExecutorService syncThread, SyncProperties properties) {
        return new PeriodicTasks(sync, changes, active, sessions, syncThread, properties.interval(),
                properties.fullScanInterval());
    }

    @EventListener
    void listening(TcpConnectionServerListeningEvent event) {
        log.info("sync port listening on port " + event.getPort());
    }
}
