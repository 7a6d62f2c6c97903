package io.foldersync.state;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.foldersync.config.StateConfiguration;
import io.foldersync.config.StateDatabase;

/**
 * A real state store (SQLite file, Flyway migrations, Spring Data JDBC) in a small Spring context
 * without web server or sockets, for engine tests that need no connection.
 */
public final class TestStates {

    private TestStates() {
    }

    @SpringBootApplication(scanBasePackages = "io.foldersync.state.none")
    @Import(StateConfiguration.class)
    static class StateOnly {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        DataSource dataSource() {
            return StateDatabase.open(Path.of(System.getProperty("foldersync.test.state-db")));
        }
    }

    /** Opens (or reopens) the state database at {@code file}; close the context when done. */
    public static synchronized ConfigurableApplicationContext open(Path file) {
        System.setProperty("foldersync.test.state-db", file.toString());
        return new SpringApplicationBuilder(StateOnly.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "spring.flyway.locations=classpath:db/migration",
                        "spring.autoconfigure.exclude=org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
                        "logging.level.root=WARN")
                .run();
    }
}
