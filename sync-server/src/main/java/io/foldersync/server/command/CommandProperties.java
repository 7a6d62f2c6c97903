package io.foldersync.server.command;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.foldersync.config.AtLeast;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * {@code foldersync.commands.<name>.*}: the commands clients may ask the server to run. Only
 * what is written here ever runs: a client names a command, nothing it sends becomes part of
 * the command line.
 *
 * @param commands by name (lower-case letters, digits, {@code -} and {@code _}; environment
 *        variables lower-case map keys, so upper case could not be configured that way)
 */
@Validated
@ConfigurationProperties("foldersync")
public record CommandProperties(@DefaultValue Map<String, @Valid Command> commands) {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    /**
     * One command.
     *
     * @param args the program and its arguments, passed as they are (no shell: {@code ls,-la} is
     *        {@code ls} with the argument {@code -la}; {@code $HOME} or {@code *} stay literal)
     * @param timeout how long a run may take; then the process and everything it started is killed
     * @param clients client ids that may run it ({@code *}: every client); none by default
     * @param description a line for the page
     * @param maxOutput output (stdout and stderr together) sent to the client; the rest is dropped
     */
    public record Command(
            @NotEmpty(message = "must give the program and its arguments, e.g. foldersync.commands.build.args=make,-s")
            List<String> args,
            @DefaultValue("60s") @NotNull @AtLeast("1s") Duration timeout,
            @DefaultValue List<String> clients,
            String description,
            @DefaultValue("1MB") @NotNull DataSize maxOutput) {

        @AssertTrue(message = "the first element is the program and must not be blank, and no argument may contain a "
                + "NUL character")
        public boolean isArgsValid() {
            return args == null || args.isEmpty() || (!args.get(0).isBlank()
                    && args.stream().allMatch(a -> a != null && a.indexOf('\0') < 0));
        }

        @AssertTrue(message = "must be at most 24h")
        public boolean isTimeoutValid() {
            return timeout == null || timeout.compareTo(Duration.ofHours(24)) <= 0;
        }

        @AssertTrue(message = "must be between 1KB and 64MB")
        public boolean isMaxOutputValid() {
            return maxOutput == null || (maxOutput.toBytes() >= 1024 && maxOutput.toBytes() <= 64L * 1024 * 1024);
        }

        @AssertTrue(message = "must list client ids (or *), none of them blank")
        public boolean isClientsValid() {
            return clients == null || clients.stream().noneMatch(id -> id == null || id.isBlank());
        }
    }

    @AssertTrue(message = "every foldersync.commands.<name> must be named with 1-40 lower-case letters, digits, "
            + "'-' or '_', starting with a letter or digit")
    public boolean isNamesValid() {
        return commands == null || commands.keySet().stream().allMatch(name -> NAME.matcher(name).matches());
    }
}
