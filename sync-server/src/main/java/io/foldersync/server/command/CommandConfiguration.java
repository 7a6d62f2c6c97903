package io.foldersync.server.command;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.foldersync.server.folder.Folders;
import io.foldersync.server.permission.PermissionProperties;
import io.foldersync.server.permission.Permissions;
import io.micrometer.core.instrument.MeterRegistry;

/** The commands ({@code foldersync.commands.*}), the grants ({@code foldersync.permissions.*}) and the runner. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ CommandProperties.class, PermissionProperties.class })
class CommandConfiguration {

    @Bean
    Permissions permissions(PermissionProperties grants, CommandProperties commands, MeterRegistry meters) {
        Map<String, List<String>> commandClients = new LinkedHashMap<>();
        commands.commands().forEach((name, command) -> commandClients.put(name, command.clients()));
        return new Permissions(grants.switchFolder(), commandClients, meters);
    }

    @Bean(destroyMethod = "close")
    CommandRunner commandRunner(CommandProperties commands, Permissions permissions, Folders folders, Clock clock,
            MeterRegistry meters) {
        return new CommandRunner(new LinkedHashMap<>(commands.commands()), permissions,
                () -> new CommandRunner.WorkingFolder(folders.active(), folders.activePath()), clock, meters);
    }
}
