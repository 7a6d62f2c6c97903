package io.foldersync.server.conflict;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.foldersync.config.AtLeast;
import jakarta.validation.constraints.Min;

/**
 * How long kept conflict versions live ({@code foldersync.conflicts.*}). A version is pruned
 * when it is older than {@code maxAge}, or when more than {@code maxCount} are kept (oldest
 * first); never within {@link ConflictPruner#GRACE} of being kept, whatever the settings.
 *
 * @param maxAge versions kept longer than this are deleted
 * @param maxCount at most this many versions are kept (beyond it the oldest go, grace permitting)
 */
@Validated
@ConfigurationProperties("foldersync.conflicts")
public record ConflictProperties(
        @DefaultValue("30d") @AtLeast("1h") Duration maxAge,
        @DefaultValue("1000") @Min(value = 1, message = "must be at least 1") int maxCount) {
}
