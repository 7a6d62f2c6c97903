package io.foldersync.client.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.foldersync.protocol.SyncPath;
import io.foldersync.state.StateStore;

/**
 * Why the server's file at a path cannot be written here: a directory stands at its path holding
 * files that are not the server's (a local edit kept when the server turned that directory into a
 * file). Its files with a base are the server's to delete; the others are the user's, which nothing
 * here moves. The reconcile skips such a path with this reason; a push that meets the same directory
 * reports the same reason, so the user reads what to do whichever came first.
 */
final class DirectoryInTheWay {

    static final String REASON = "a directory is in the way here, holding files that are not the server's (a local "
            + "edit kept, a file made here): move them away, and the server's file arrives";

    private DirectoryInTheWay() {
    }

    /** The reason, or null when no such directory stands at {@code path}. */
    static String reason(Path root, StateStore store, String folder, String path) throws IOException {
        Path at = root.resolve(path);
        if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (Stream<Path> inside = Files.walk(at)) {
            boolean othersFiles = inside.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> SyncPath.of(root, p))
                    .anyMatch(p -> store.get(folder, p).isEmpty());
            return othersFiles ? REASON : null;
        }
    }
}
