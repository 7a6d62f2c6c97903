package io.foldersync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import io.foldersync.client.ClientApplication;
import io.foldersync.client.link.ServerLink;
import io.foldersync.files.FileRules;
import io.foldersync.files.TextFiles;
import io.foldersync.server.ServerApplication;

/**
 * A real server and real clients in this JVM: each is a whole Spring Boot application context,
 * talking over loopback TCP on random ports, with its own folders and SQLite state under a
 * temporary directory. Tests drive the file systems and wait (bounded) for convergence.
 */
public final class SyncCluster implements AutoCloseable {

    public static final String TOKEN = "e2e-sync-token-0123456789";

    public static final String ADMIN_TOKEN = "e2e-admin-token-0123456789";

    /** The bound of every wait for convergence. */
    public static final Duration CONVERGE = Duration.ofSeconds(20);

    private final Path base;

    private final List<String> folderNames;

    private ServerNode server;

    private final Map<String, ClientNode> clients = new LinkedHashMap<>();

    private SyncCluster(Path base, List<String> folderNames) {
        this.base = base;
        this.folderNames = folderNames;
    }

    /** A cluster whose server has these folders (the first one active); folders are created, empty. */
    public static SyncCluster create(Path base, String... folders) {
        SyncCluster cluster = new SyncCluster(base, List.of(folders.length == 0 ? new String[] { "docs" } : folders));
        cluster.folderNames.forEach(name -> mkdirs(cluster.serverFolder(name)));
        return cluster;
    }

    public Path base() {
        return base;
    }

    public Path serverFolder(String name) {
        return base.resolve("server").resolve(name);
    }

    /** The first folder, active unless switched. */
    public Path serverFolder() {
        return serverFolder(folderNames.get(0));
    }

    public ServerNode startServer(String... extraArgs) {
        return startServer(0, extraArgs);
    }

    /**
     * Stops the server (if running) and starts it again on the same sync port, with its folders
     * and state kept, so connected clients find it when they reconnect.
     */
    public ServerNode restartServer(String... extraArgs) {
        int port = server.syncPort();
        server.stop();
        return startServer(port, extraArgs);
    }

    /**
     * The command line of the server: also for running it as a process of its own (its folders
     * and state under {@link #base()}, the same as {@link #startServer(int, String...)} uses).
     */
    public List<String> serverArgs(int syncPort, int httpPort) {
        List<String> args = new ArrayList<>();
        folderNames.forEach(name -> args.add("--foldersync.folders." + name + "=" + serverFolder(name)));
        args.add("--foldersync.active-folder=" + folderNames.get(0));
        args.add("--foldersync.listen-address=127.0.0.1");
        args.add("--foldersync.listen-port=" + syncPort);
        args.add("--foldersync.state-db=" + base.resolve("server-data").resolve("server-state.db"));
        args.add("--server.port=" + httpPort);
        args.add("--spring.application.name=server");
        common(args);
        return args;
    }

    /** A TCP port free on loopback right now (for a process that must come back on the same port). */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server on {@code syncPort} (0: any free port). */
    public ServerNode startServer(int syncPort, String... extraArgs) {
        List<String> args = new ArrayList<>();
        folderNames.forEach(name -> args.add("--foldersync.folders." + name + "=" + serverFolder(name)));
        args.add("--foldersync.active-folder=" + folderNames.get(0));
        args.add("--foldersync.listen-address=127.0.0.1");
        args.add("--foldersync.listen-port=" + syncPort);
        args.add("--foldersync.state-db=" + base.resolve("server-data").resolve("server-state.db"));
        args.add("--server.port=0");
        args.add("--spring.application.name=server");
        common(args);
        args.addAll(List.of(extraArgs));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ServerApplication.class)
                .run(args.toArray(String[]::new));
        TcpNetServerConnectionFactory factory = context.getBean(TcpNetServerConnectionFactory.class);
        TestingUtilities.waitListening(factory, 10_000L);
        server = new ServerNode(context, factory.getPort());
        return server;
    }

    public ServerNode server() {
        return server;
    }

    /** Starts (or restarts, with its folder and state kept) the client called {@code name}. */
    public ClientNode startClient(String name, String... extraArgs) {
        return startClientAt(name, server.syncPort(), extraArgs);
    }

    /** Starts the client called {@code name} against whatever listens on {@code serverPort} (a fake server, say). */
    public ClientNode startClientAt(String name, int serverPort, String... extraArgs) {
        Path home = clientHome(name);
        List<String> args = clientArgs(name, serverPort);
        for (String extra : extraArgs) {
            // a setting given again replaces the default (Boot would join repeated values with a comma)
            args.removeIf(arg -> arg.startsWith(extra.substring(0, extra.indexOf('=') + 1)));
        }
        args.addAll(List.of(extraArgs));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
                .run(args.toArray(String[]::new));
        ClientNode client = new ClientNode(name, context, home.resolve("folder"));
        clients.put(name, client);
        return client;
    }

    /** Where the client called {@code name} keeps its folder ({@code folder}) and state ({@code data}). */
    public Path clientHome(String name) {
        return base.resolve("clients").resolve(name);
    }

    /** The command line of the client called {@code name}: also for running it as a process of its own. */
    public List<String> clientArgs(String name, int serverPort) {
        Path home = clientHome(name);
        List<String> args = new ArrayList<>();
        args.add("--foldersync.local-folder=" + home.resolve("folder"));
        args.add("--foldersync.client-id=" + name);
        args.add("--foldersync.server-host=127.0.0.1");
        args.add("--foldersync.server-port=" + serverPort);
        args.add("--foldersync.state-db=" + home.resolve("data").resolve("client-state.db"));
        args.add("--server.port=0");
        args.add("--spring.application.name=" + name);
        common(args);
        return args;
    }

    private static void common(List<String> args) {
        args.add("--foldersync.token=" + TOKEN);
        args.add("--foldersync.admin-token=" + ADMIN_TOKEN);
        args.add("--foldersync.interval=5s");
        args.add("--spring.main.banner-mode=off");
    }

    public ClientNode client(String name) {
        return clients.get(name);
    }

    @Override
    public void close() {
        clients.values().forEach(ClientNode::stop);
        if (server != null) {
            server.stop();
        }
    }

    // ------------------------------------------------------------------ nodes

    public static final class ServerNode {

        private final ConfigurableApplicationContext context;

        private final int syncPort;

        ServerNode(ConfigurableApplicationContext context, int syncPort) {
            this.context = context;
            this.syncPort = syncPort;
        }

        public int syncPort() {
            return syncPort;
        }

        public int httpPort() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        public ConfigurableApplicationContext context() {
            return context;
        }

        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        /** The value of a counter of this node's meter registry, 0 when it does not exist (yet). */
        public double counter(String name, String... tags) {
            return SyncCluster.counter(context, name, tags);
        }

        public void stop() {
            if (context.isActive()) {
                context.close();
            }
        }
    }

    public static final class ClientNode {

        private final String name;

        private final ConfigurableApplicationContext context;

        private final Path folder;

        ClientNode(String name, ConfigurableApplicationContext context, Path folder) {
            this.name = name;
            this.context = context;
            this.folder = folder;
        }

        public String name() {
            return name;
        }

        public Path folder() {
            return folder;
        }

        public double counter(String name, String... tags) {
            return SyncCluster.counter(context, name, tags);
        }

        public boolean connected() {
            return context.isActive() && context.getBean(ServerLink.class).isReady();
        }

        public int httpPort() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        public ConfigurableApplicationContext context() {
            return context;
        }

        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        public void stop() {
            if (context.isActive()) {
                context.close();
            }
        }
    }

    static double counter(ConfigurableApplicationContext context, String name, String... tags) {
        io.micrometer.core.instrument.Counter counter = context.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    // ------------------------------------------------------------------ files

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Saves {@code content} in one step, as most editors do (a hidden temporary beside it, then a
     * rename): the watcher never sees the file half written. A 6 MB {@link #write} is several write
     * calls, and on a loaded machine a pause between them can let a side send the half it saw
     * before the whole (correct in the end, but not the one transfer a test may want to count).
     */
    public static void replace(Path file, String content) {
        try {
            Path temporary = file.resolveSibling("." + file.getFileName() + ".saving");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when {@code file} exists with exactly this content: safe to poll (never throws). */
    public static boolean has(Path file, String content) {
        try {
            return java.util.Arrays.equals(Files.readAllBytes(file), content.getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            return false;
        }
    }

    /**
     * The file's text; for a missing file a marker text that equals no content, so that a poll
     * ({@code until(() -> read(f).equals(...))}) simply looks again.
     */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (java.nio.file.NoSuchFileException e) {
            return "<no such file: " + file + ">";
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The visible regular text files below a folder, by relative path, with their content: what sync mirrors. */
    public static Map<String, String> tree(Path folder) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                String relative = folder.relativize(p).toString().replace('\\', '/');
                if (FileRules.isVisible(relative)) {
                    try {
                        byte[] bytes = Files.readAllBytes(p);
                        if (TextFiles.isText(bytes)) {
                            files.put(relative, new String(bytes, StandardCharsets.UTF_8));
                        }
                    }
                    catch (IOException e) {
                        // deleted while we looked: absent
                    }
                }
            });
        }
        catch (IOException | UncheckedIOException e) {
            // a directory vanished during the walk; the caller's await simply looks again
        }
        return files;
    }

    /** The visible directories below a folder (to check that emptied directories are removed). */
    public static List<String> directories(Path folder) {
        List<String> dirs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> !p.equals(folder) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                String relative = folder.relativize(p).toString().replace('\\', '/');
                if (FileRules.isVisible(relative)) {
                    dirs.add(relative);
                }
            });
        }
        catch (IOException | UncheckedIOException e) {
            // vanished during the walk
        }
        dirs.sort(String::compareTo);
        return dirs;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
