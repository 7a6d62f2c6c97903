package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.foldersync.apply.Disk;
import io.foldersync.apply.Keeper;
import io.foldersync.apply.NioDisk;
import io.foldersync.link.SyncLog;
import io.foldersync.reconcile.Observed;

/**
 * Where a local version goes that the client must not overwrite: beside the file, named the way
 * Syncthing names conflict copies ({@code notes.sync-conflict-20261125-120000.txt}), so the user
 * finds it next to the original. The taken file itself gets the new name (a hard link, atomic and
 * never over an existing name), and the directory is flushed before the original is replaced.
 * Such a copy is a local-only file: it is never uploaded.
 */
final class KeptCopies implements Keeper {

    static final String MARKER = ".sync-conflict-";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path root;

    private final Clock clock;

    private final String clientId;

    private final Disk disk = NioDisk.INSTANCE;

    KeptCopies(Path root, Clock clock, String clientId) {
        this.root = root;
        this.clock = clock;
        this.clientId = clientId;
    }

    @Override
    public String keep(Path taken, String path, Observed content) throws IOException {
        String stamp = STAMP.format(clock.instant());
        for (int n = 1;; n++) {
            String copy = copyName(path, n == 1 ? stamp : stamp + "-" + n);
            Path target = root.resolve(copy);
            Path parent = target.getParent();
            if (disk.kind(parent) == Disk.Kind.ABSENT) {
                java.nio.file.Files.createDirectories(parent);
            }
            if (disk.link(taken, target)) {
                disk.forceDirectory(parent);
                SyncLog.warn("kept the local version of " + path + " as " + copy + " client=" + clientId);
                return copy;
            }
        }
    }

    static String copyName(String path, String stamp) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return dir + name + MARKER + stamp;
        }
        return dir + name.substring(0, dot) + MARKER + stamp + name.substring(dot);
    }
}
