package io.foldersync.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import io.foldersync.server.ServerApplication;

/** A whole server application on random ports, with folders {@code docs} (active) and {@code notes} under {@code base}. */
final class TestServer implements AutoCloseable {

    static final String ADMIN_TOKEN = "web-test-admin-token-0123";

    final Path base;

    final ConfigurableApplicationContext context;

    TestServer(Path base, String... extraArgs) {
        this.base = base;
        try {
            Files.createDirectories(folder("docs"));
            Files.createDirectories(folder("notes"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of(
                "--foldersync.folders.docs=" + folder("docs"),
                "--foldersync.folders.notes=" + folder("notes"),
                "--foldersync.active-folder=docs",
                "--foldersync.token=web-test-sync-token-0123",
                "--foldersync.admin-token=" + ADMIN_TOKEN,
                "--foldersync.listen-address=127.0.0.1",
                "--foldersync.listen-port=0",
                "--foldersync.state-db=" + base.resolve("data").resolve("server-state.db"),
                "--server.port=0",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extraArgs));
        context = new SpringApplicationBuilder(ServerApplication.class).run(args.toArray(String[]::new));
        TestingUtilities.waitListening(context.getBean(TcpNetServerConnectionFactory.class), 10_000L);
    }

    Path folder(String name) {
        return base.resolve("folders").resolve(name);
    }

    int httpPort() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    int syncPort() {
        return context.getBean(TcpNetServerConnectionFactory.class).getPort();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
