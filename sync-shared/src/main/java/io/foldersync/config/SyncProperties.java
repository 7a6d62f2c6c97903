package io.foldersync.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.foldersync.protocol.Limits;
import io.foldersync.transfer.CompressionMode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The {@code foldersync.*} settings both sides share (INTERFACE.md, "Properties"). The side's own
 * settings bind from the same prefix into their own record.
 *
 * @param token shared secret of the sync protocol, never sent over the wire
 * @param adminToken bearer token of the HTTP endpoints that need one
 * @param interval period of the reconcile and of heartbeats; below 5s is refused
 * @param stateDb the SQLite file holding sync state; null means the side's default
 * @param maxHeaderBytes largest JSON header accepted
 * @param maxFileBytes largest file synchronised; larger files are skipped with a WARN
 * @param fullScanInterval how often a side scans its whole folder while its watcher sees every
 *        change (the safety net under the watcher); at least {@code interval}
 * @param compression when content is zstd-compressed for a peer that agreed it: {@code auto}
 *        (not for a peer on this machine), {@code always} or {@code never}
 */
@Validated
@ConfigurationProperties("foldersync")
public record SyncProperties(
        @NotNull(message = "is required (the shared sync secret, at least 16 characters)")
        @Size(min = 16, message = "must have at least 16 characters") String token,
        @NotNull(message = "is required (the bearer token of the HTTP endpoints, at least 16 characters)")
        @Size(min = 16, message = "must have at least 16 characters") String adminToken,
        @DefaultValue("5s") @AtLeast("5s") Duration interval,
        Path stateDb,
        @DefaultValue("1MB") DataSize maxHeaderBytes,
        @DefaultValue("2GB") DataSize maxFileBytes,
        @DefaultValue("auto") CompressionMode compression,
        @DefaultValue("30m") Duration fullScanInterval) {

    @AssertTrue(message = "foldersync.full-scan-interval must be at least foldersync.interval")
    public boolean isFullScanIntervalValid() {
        return fullScanInterval == null || interval == null || fullScanInterval.compareTo(interval) >= 0;
    }

    @AssertTrue(message = "foldersync.max-header-bytes must be between 1KB and 1GB")
    public boolean isHeaderLimitValid() {
        return maxHeaderBytes == null || (maxHeaderBytes.toBytes() >= 1024 && maxHeaderBytes.toBytes() <= 1024L * 1024 * 1024);
    }

    @AssertTrue(message = "foldersync.max-file-bytes must not be negative")
    public boolean isFileLimitValid() {
        return maxFileBytes == null || maxFileBytes.toBytes() >= 0;
    }

    public Limits limits() {
        return Limits.of(maxHeaderBytes.toBytes(), maxFileBytes.toBytes());
    }

    /** The state database file: the configured one, or {@code ./foldersync-data/<side>-state.db}. */
    public Path stateDbOr(String side) {
        return (stateDb != null ? stateDb : Path.of("foldersync-data", side + "-state.db")).toAbsolutePath();
    }
}
