package io.foldersync.server.request;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.foldersync.metrics.SyncMeters;
import io.foldersync.server.command.CommandRunner;
import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.permission.Permissions;

@Configuration(proxyBeanMethods = false)
class RequestConfiguration {

    @Bean
    ClientRequests clientRequests(Permissions permissions, CommandRunner runner, ConflictKeeper conflicts,
            SyncMeters meters) {
        return new ClientRequests(permissions, runner, conflicts, meters);
    }
}
