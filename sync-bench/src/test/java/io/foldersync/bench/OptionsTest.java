package io.foldersync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreTheFullPlainRunRecordedInTheRepository() {
        Options options = Options.parse(new String[] { "--repo", "/r" });
        assertThat(options.quick()).isFalse();
        assertThat(options.tls()).isFalse();
        assertThat(options.record()).isTrue();
        assertThat(options.results()).isEqualTo(Path.of("/r/bench/RESULTS.md"));
        assertThat(options.selected(Set.of("1b"))).isTrue();
        assertThat(options.timeoutScale()).isEqualTo(1);
    }

    @Test
    void onlySelectsScenariosByAnyOfTheirCases() {
        Options options = Options.parse(new String[] { "--quick", "--only", "3,6", "--command", "bench/run.sh --quick" });
        assertThat(options.selected(Set.of("1a", "3", "5"))).isTrue();
        assertThat(options.selected(Set.of("1b"))).isFalse();
        assertThat(options.command()).isEqualTo("bench/run.sh --quick");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Options.parse(new String[] { "--only", "7" })).hasMessageContaining("unknown case '7'");
        assertThatThrownBy(() -> Options.parse(new String[] { "--fast" })).hasMessageContaining("unknown option '--fast'");
        assertThatThrownBy(() -> Options.parse(new String[] { "--timeout-scale", "0" })).hasMessageContaining("positive");
        assertThatThrownBy(() -> Options.parse(new String[] { "--seed" })).hasMessageContaining("needs a value");
    }
}
