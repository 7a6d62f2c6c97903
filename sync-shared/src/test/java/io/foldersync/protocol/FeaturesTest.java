package io.foldersync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Optional features are used only when both sides list them; lists travel as content. */
class FeaturesTest {

    @Test
    void agreesOnlyOnWhatBothSidesList() {
        assertThat(Features.agreed(List.of("teleport", Features.COMMANDS))).containsExactly(Features.COMMANDS);
        assertThat(Features.agreed(List.of(Features.ZSTD, Features.DELTA))).containsExactlyInAnyOrder(Features.DELTA,
                Features.ZSTD);
        assertThat(Features.agreed(List.of())).isEmpty();
        assertThat(Features.agreed(null)).isEmpty();
        assertThat(Features.agreed(Features.OFFERED)).containsExactlyInAnyOrderElementsOf(Features.OFFERED);
    }

    @Test
    void listsRoundTripAsJsonContent() throws Exception {
        List<SyncMessage.CommandInfo> commands = List.of(new SyncMessage.CommandInfo("build", "Builds it", 60_000),
                new SyncMessage.CommandInfo("ünïcode", null, 1_000));
        assertThat(JsonContent.list(JsonContent.of(commands), SyncMessage.CommandInfo.class)).isEqualTo(commands);
        assertThat(JsonContent.list(Content.EMPTY, SyncMessage.CommandInfo.class)).isEmpty();
    }
}
