package io.foldersync.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Opens the SQLite state database. SQLite has one writer: a pool of one connection, WAL
 * journal and a busy timeout keep "database is locked" away; NORMAL sync in WAL mode loses
 * at most the last transaction on power loss, never consistency. One process at a time
 * ({@link StateLock}).
 */
public final class StateDatabase {

    private StateDatabase() {
    }

    public static DataSource open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of foldersync.state-db " + file, e);
        }
        StateLock lock = StateLock.take(file.toAbsolutePath());
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource sqliteDataSource = new SQLiteDataSource(sqlite);
        sqliteDataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqliteDataSource);
        hikari.setMaximumPoolSize(1);
        hikari.setPoolName("foldersync-state");
        return new HikariDataSource(hikari) {
            @Override
            public void close() {
                try {
                    super.close();
                }
                finally {
                    lock.release();
                }
            }
        };
    }
}
