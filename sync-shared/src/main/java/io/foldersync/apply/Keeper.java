package io.foldersync.apply;

import java.io.IOException;
import java.nio.file.Path;

import io.foldersync.reconcile.Observed;

/**
 * Where a version goes that must not be discarded: a file taken out of the way that holds a
 * user's content. On a client it becomes a conflict copy beside the file; on the server it goes
 * to the conflict store. The file is flushed before it is handed over.
 */
@FunctionalInterface
public interface Keeper {

    /**
     * Keeps {@code taken} (in the work directory, same file system as the folder) as a version of
     * {@code path}. It may link, move or copy it; the applier removes the {@code taken} name
     * afterwards if it is still there.
     *
     * @return where it went, for logs
     */
    String keep(Path taken, String path, Observed content) throws IOException;
}
