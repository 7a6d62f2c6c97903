/** The sync state database: SQLite through Flyway migrations and Spring Data JDBC. */
package io.foldersync.state;
