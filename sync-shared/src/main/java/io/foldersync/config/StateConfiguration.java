package io.foldersync.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

import io.foldersync.state.SettingRepository;
import io.foldersync.state.SqliteDialect;
import io.foldersync.state.StateStore;

/** The state store wiring both applications import; each side provides the DataSource. */
@Configuration(proxyBeanMethods = false)
@EnableJdbcRepositories(basePackageClasses = SettingRepository.class)
public class StateConfiguration {

    @Bean
    JdbcDialect jdbcDialect() {
        return SqliteDialect.INSTANCE;
    }

    @Bean
    StateStore stateStore(org.springframework.jdbc.core.JdbcTemplate jdbc, SettingRepository settings, Clock clock) {
        return new StateStore(jdbc, settings, clock);
    }
}
