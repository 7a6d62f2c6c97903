package io.foldersync.server;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * The server's own {@code foldersync.*} settings; the shared ones are in
 * {@link io.foldersync.config.SyncProperties}.
 *
 * @param folders the predefined folders: name to absolute path
 * @param activeFolder the folder synchronised at first start (a later switch, remembered in the state database, wins)
 * @param listenAddress TCP address of the sync port
 * @param listenPort TCP sync port; 0 picks a free one (logged)
 * @param clientTokens client id to the token that client proves instead of the shared
 *        {@code foldersync.token} (see {@link io.foldersync.server.permission.ClientTokens})
 */
@Validated
@ConfigurationProperties("foldersync")
public record ServerProperties(
        @NotEmpty(message = "must name at least one folder (foldersync.folders.<name>=/absolute/path)")
        Map<String, Path> folders,
        @NotBlank(message = "is required: the name of one of foldersync.folders") String activeFolder,
        @DefaultValue("0.0.0.0") String listenAddress,
        @DefaultValue("7070") @Min(0) @Max(65535) int listenPort,
        @DefaultValue Map<String, String> clientTokens) {

    @AssertTrue(message = "foldersync.active-folder must be one of the names of foldersync.folders")
    public boolean isActiveFolderKnown() {
        return folders == null || activeFolder == null || folders.containsKey(activeFolder);
    }

    @AssertTrue(message = "every foldersync.client-tokens.<client-id> must have at least 16 characters")
    public boolean isClientTokensValid() {
        return clientTokens == null || clientTokens.values().stream().allMatch(t -> t != null && t.length() >= 16);
    }

    @AssertTrue(message = "every foldersync.folders.<name> must be an absolute path")
    public boolean isFoldersAbsolute() {
        return folders == null || folders.values().stream().allMatch(Path::isAbsolute);
    }

    @AssertTrue(message = "a foldersync.folders.<name> is a symbolic link to nothing (a dangling link): "
            + "point it at the directory itself, or fix the link")
    public boolean isFoldersLinksValid() {
        return folders == null || folders.values().stream()
                .noneMatch(p -> java.nio.file.Files.isSymbolicLink(p) && !java.nio.file.Files.exists(p));
    }
}
