package io.foldersync.config;

import java.nio.file.Path;

/** A second process for {@link StateLockTest}: takes the lock of a state database and holds it until killed. */
public final class StateLockHolder {

    private StateLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        StateLock.take(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        Thread.currentThread().join(); // until killed, as a running client would be
    }
}
