package io.foldersync.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.foldersync.config.InvalidSettingException;

/**
 * {@code foldersync.local-folder} at start-up: made when missing (with its parents, as documented),
 * refused with a message naming the setting when something else is at the path or it cannot be
 * made, instead of a stack trace ending in {@code FileAlreadyExistsException}.
 */
final class LocalFolderSetting {

    private LocalFolderSetting() {
    }

    static void check(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new InvalidSettingException("foldersync.local-folder", folder + " is a file, not a directory");
        }
        try {
            Files.createDirectories(folder);
        }
        catch (IOException e) {
            throw new InvalidSettingException("foldersync.local-folder", folder + " cannot be made: " + e, e);
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidSettingException("foldersync.local-folder", folder + " is not writable by this process");
        }
    }
}
