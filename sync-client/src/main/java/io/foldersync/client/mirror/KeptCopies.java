package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.foldersync.files.FolderWriter;
import io.foldersync.link.SyncLog;

/**
 * Where a local version goes before the client overwrites it: beside the file, named the way
 * Syncthing names conflict copies ({@code notes.sync-conflict-20261125-120000.txt}), so the
 * user finds it next to the original. Such a copy is a local-only file: it is never uploaded.
 */
final class KeptCopies {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Clock clock;

    private final String clientId;

    KeptCopies(Clock clock, String clientId) {
        this.clock = clock;
        this.clientId = clientId;
    }

    /** Copies the file at {@code path} aside and returns the copy's path, relative like {@code path}. */
    String keep(FolderWriter writer, String path, String why) throws IOException {
        String copy = copyName(path, STAMP.format(clock.instant()));
        Path target = writer.target(copy);
        for (int n = 2; target.toFile().exists(); n++) {
            copy = copyName(path, STAMP.format(clock.instant()) + "-" + n);
            target = writer.target(copy);
        }
        FolderWriter.copyAside(writer.target(path), target);
        SyncLog.warn("kept the local version of " + path + " as " + copy + ": " + why + " client=" + clientId);
        return copy;
    }

    static String copyName(String path, String stamp) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return dir + name + ".sync-conflict-" + stamp;
        }
        return dir + name.substring(0, dot) + ".sync-conflict-" + stamp + name.substring(dot);
    }
}
