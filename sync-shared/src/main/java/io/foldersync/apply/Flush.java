package io.foldersync.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Flushes many files or directories at once. One {@code fsync} waits for the device; several in
 * flight together let the file system commit them as one group, so a batch of a thousand small
 * files costs about as much as a few (measured in src-docs/decisions.md).
 */
final class Flush {

    /** Flushes in flight at once: enough to fill a journal commit, few enough to be cheap threads. */
    static final int PARALLELISM = 16;

    private static final ExecutorService POOL = Executors.newFixedThreadPool(PARALLELISM, r -> {
        Thread t = new Thread(r, "foldersync-flush");
        t.setDaemon(true);
        return t;
    });

    private Flush() {
    }

    interface Action {
        void run(Path path) throws IOException;
    }

    static void all(Collection<Path> paths, Action action) throws IOException {
        if (paths.size() <= 1) {
            for (Path path : paths) {
                action.run(path);
            }
            return;
        }
        List<Future<?>> running = new ArrayList<>(paths.size());
        for (Path path : paths) {
            running.add(POOL.submit(() -> {
                try {
                    action.run(path);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        IOException first = null;
        for (Future<?> future : running) {
            try {
                future.get();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while flushing", e);
            }
            catch (ExecutionException e) {
                Throwable cause = e.getCause();
                IOException io = cause instanceof UncheckedIOException u ? u.getCause()
                        : new IOException(cause.getMessage(), cause);
                if (first == null) {
                    first = io;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
