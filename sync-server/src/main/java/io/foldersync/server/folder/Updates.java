package io.foldersync.server.folder;

import java.nio.file.Path;

import io.foldersync.files.FileSnapshot;
import io.foldersync.files.LocalFile;
import io.foldersync.link.Outgoing;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncPath;
import io.foldersync.server.session.ClientSession;
import io.foldersync.transfer.Base;
import io.foldersync.transfer.CompressionMode;
import io.foldersync.transfer.Encoder;
import io.foldersync.transfer.Peer;

/**
 * The server's FILE_UPDATE of a file as it is when its turn to be sent comes (a queue holds
 * intentions, not contents), in the form the client agreed: a delta against {@code base} when
 * the server knows the chunk list of the version the client has, compressed where it pays.
 */
public final class Updates {

    private final Limits limits;

    private final Encoder encoder;

    private final CompressionMode compression;

    public Updates(Limits limits, Encoder encoder, CompressionMode compression) {
        this.limits = limits;
        this.encoder = encoder;
        this.compression = compression;
    }

    /**
     * @param supersedes the content the server knows this replaces ({@code baseSha256}), or null
     * @param known what the state database says of the file (its hash is reused if it is unchanged), or null
     * @param base the version the client is believed to hold, with its chunk list (taken when the
     *        change was recorded: by the time this is sent the database may describe a newer one), or null
     */
    Outgoing of(ClientSession session, String folder, Path root, String path, String supersedes, LocalFile known,
            Base base) {
        Peer peer = Peer.of(session.features(), compression.compressFor(session.link().remoteHost()));
        return () -> {
            FileSnapshot snapshot = FileSnapshot.read(SyncPath.resolve(root, path), limits.maxContentBytes(),
                    limits.inMemoryContentBytes(), known);
            if (snapshot == null) {
                return null; // gone or no longer eligible: its delete follows
            }
            SyncMessage.FileUpdate plain = new SyncMessage.FileUpdate(null, folder, path, snapshot.mtime(),
                    snapshot.sha256(), supersedes);
            return encoder.encode(plain, snapshot, base, peer, false).frame();
        };
    }

    /** The file whole (compressed where agreed and it pays), for a client that asked for it. */
    Outgoing whole(ClientSession session, String folder, Path root, String path, String supersedes, LocalFile known) {
        return of(session, folder, root, path, supersedes, known, null);
    }
}
