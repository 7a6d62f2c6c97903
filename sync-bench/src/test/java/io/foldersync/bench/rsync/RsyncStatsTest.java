package io.foldersync.bench.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RsyncStatsTest {

    @Test
    void readsBothTotalsWithThousandsSeparators() {
        String output = """
                Number of files: 5,051 (reg: 5,000, dir: 51)
                Total file size: 100,012,345 bytes
                Literal data: 100,012,345 bytes
                Total bytes sent: 131,530
                Total bytes received: 100,541,906

                sent 131,530 bytes  received 100,541,906 bytes  80,538,748.80 bytes/sec
                """;
        RsyncStats stats = RsyncStats.parse(output);
        assertThat(stats).isEqualTo(new RsyncStats(131_530, 100_541_906));
        assertThat(stats.total()).isEqualTo(100_673_436);
    }

    @Test
    void readsOlderOutputWithoutSeparators() {
        assertThat(RsyncStats.parse("Total bytes sent: 42\nTotal bytes received: 7\n")).isEqualTo(new RsyncStats(42, 7));
    }

    @Test
    void outputWithoutStatsIsAnError() {
        assertThatThrownBy(() -> RsyncStats.parse("sent 10 bytes  received 20 bytes")).hasMessageContaining("--stats");
    }
}
