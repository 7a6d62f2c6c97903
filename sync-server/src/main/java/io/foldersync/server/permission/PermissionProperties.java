package io.foldersync.server.permission;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;

/**
 * {@code foldersync.permissions.*}: grants beyond syncing that are not tied to one command. By
 * default a client may sync and edit, nothing more. Which clients may run a command is part of
 * that command's definition ({@code foldersync.commands.<name>.clients}).
 *
 * @param switchFolder client ids that may switch the server's active folder (FOLDER_COMMAND, the
 *        client's {@code PUT /api/folders/active}); {@code *} grants it to every client
 */
@Validated
@ConfigurationProperties("foldersync.permissions")
public record PermissionProperties(@DefaultValue List<String> switchFolder) {

    @AssertTrue(message = "foldersync.permissions.switch-folder must list client ids (or *), none of them blank")
    public boolean isSwitchFolderValid() {
        return switchFolder == null || switchFolder.stream().noneMatch(id -> id == null || id.isBlank());
    }
}
