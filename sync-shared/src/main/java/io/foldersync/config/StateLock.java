package io.foldersync.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one process that uses a state database: an exclusive lock on {@code <state-db>.lock}, held
 * while the database is open. Two clients started with the same state database (a copied service
 * file, a second terminal) would both recover, scan and sync the same folder and replace each
 * other's session every second; the second one now stops at start-up, naming the setting. The
 * operating system releases the lock when the process ends, also after {@code kill -9}.
 */
final class StateLock {

    private final FileChannel channel;

    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws InvalidSettingException when another process (or context) holds the database */
    static StateLock take(Path database) {
        Path file = database.resolveSibling(database.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new StateLock(channel, lock);
            }
        }
        catch (OverlappingFileLockException e) {
            // held by this very JVM (another application context on the same database)
        }
        catch (IOException e) {
            close(channel);
            throw new InvalidSettingException("foldersync.state-db", "cannot lock " + file + ": " + e.getMessage(), e);
        }
        close(channel);
        throw new InvalidSettingException("foldersync.state-db", database + " is in use by another foldersync process (it holds "
                + file + "); each server and each client needs a state database of its own");
    }

    void release() {
        try {
            lock.release();
        }
        catch (IOException e) {
            // closing the channel below releases it all the same
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException e) {
                // nothing held any more
            }
        }
    }
}
