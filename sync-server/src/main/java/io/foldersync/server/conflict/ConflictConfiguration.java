package io.foldersync.server.conflict;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pruning of kept conflict versions and its settings ({@code foldersync.conflicts.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConflictProperties.class)
class ConflictConfiguration {

    @Bean
    ConflictPruner conflictPruner(ConflictKeeper keeper, ConflictRepository repository, ConflictProperties properties,
            Clock clock) {
        return new ConflictPruner(keeper, repository, properties, clock);
    }
}
