package io.foldersync.server.folder;

import java.nio.file.Path;

import io.foldersync.files.FileSnapshot;
import io.foldersync.files.LocalFile;
import io.foldersync.link.Outgoing;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;

/** The server's FILE_UPDATE of a file as it is when its turn to be sent comes (a queue holds intentions, not contents). */
final class Updates {

    private Updates() {
    }

    /** @param supersedes the content the server knows this replaces ({@code baseSha256}), or null */
    static Outgoing of(String folder, Path root, String path, String supersedes, Limits limits) {
        return of(folder, root, path, supersedes, limits, null);
    }

    /** @param known what the state database says of the file (its hash is reused if it is unchanged), or null */
    static Outgoing of(String folder, Path root, String path, String supersedes, Limits limits, LocalFile known) {
        return () -> {
            FileSnapshot snapshot = FileSnapshot.read(SyncPath.resolve(root, path), limits.maxContentBytes(),
                    limits.inMemoryContentBytes(), known);
            if (snapshot == null) {
                return null; // gone or no longer eligible: its delete follows
            }
            return new Frame(new SyncMessage.FileUpdate(null, folder, path, snapshot.mtime(), snapshot.sha256(),
                    supersedes), snapshot.content());
        };
    }
}
