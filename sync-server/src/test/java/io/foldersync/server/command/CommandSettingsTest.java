package io.foldersync.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import io.foldersync.config.InvalidSettingFailureAnalyzer;
import io.foldersync.config.SettingsFailureAnalyzer;
import io.foldersync.server.ServerApplication;

/** A bad command definition or grant stops start-up with a message naming the property. */
class CommandSettingsTest {

    @TempDir
    Path base;

    /** The description foldersync's analyzer gives of the start-up failure these settings cause. */
    String failureOf(String... extra) {
        return failureOf(new SettingsFailureAnalyzer(), extra);
    }

    String failureOf(FailureAnalyzer analyzer, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--foldersync.folders.docs=" + base.resolve("docs"),
                "--foldersync.active-folder=docs",
                "--foldersync.token=0123456789abcdef",
                "--foldersync.admin-token=fedcba9876543210",
                "--foldersync.listen-port=0",
                "--foldersync.state-db=" + base.resolve("state.db"),
                "--server.port=0",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extra));
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> new SpringApplicationBuilder(ServerApplication.class).run(args.toArray(String[]::new)))
                .satisfies(e -> failure[0] = e);
        FailureAnalysis analysis = analyzer.analyze(failure[0]);
        assertThat(analysis).as("analysed by foldersync's failure analyzer: " + failure[0]).isNotNull();
        return analysis.getDescription();
    }

    @Test
    void refusesACommandWithoutArguments() {
        assertThat(failureOf("--foldersync.commands.build.timeout=10s")).contains("foldersync.commands.build.args");
    }

    @Test
    void refusesABlankProgram() {
        assertThat(failureOf("--foldersync.commands.build.args[0]= ", "--foldersync.commands.build.args[1]=x"))
                .contains("foldersync.commands.build.args");
    }

    @Test
    void refusesATimeoutBelowOneSecond() {
        assertThat(failureOf("--foldersync.commands.build.args=make", "--foldersync.commands.build.timeout=10ms"))
                .contains("foldersync.commands.build.timeout").contains("at least 1s");
    }

    @Test
    void refusesABadName() {
        assertThat(failureOf("--foldersync.commands.[Build!].args=make")).contains("foldersync.commands.<name>");
    }

    @Test
    void refusesABlankClientInAGrant() {
        assertThat(failureOf("--foldersync.permissions.switch-folder[0]= ")).contains("foldersync.permissions.switch-folder");
    }

    @Test
    void refusesAShortClientToken() {
        assertThat(failureOf("--foldersync.client-tokens.boss=short")).contains("foldersync.client-tokens");
    }

    @Test
    void refusesAClientTokenEqualToTheSharedOne() {
        assertThat(failureOf(new InvalidSettingFailureAnalyzer(), "--foldersync.client-tokens.boss=0123456789abcdef"))
                .contains("foldersync.client-tokens.boss").contains("must differ from foldersync.token");
    }
}
