package io.foldersync.bench.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(RsyncCopy.median(List.of(0.58, 0.21, 0.15))).isEqualTo(0.21);
        assertThat(RsyncCopy.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }

    @Test
    void nearestRankPercentiles() {
        List<Double> hundred = new ArrayList<>(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());
        assertThat(SmallFilesScenario.percentile(hundred, 50)).isEqualTo(50.0);
        assertThat(SmallFilesScenario.percentile(hundred, 99)).isEqualTo(99.0);
        List<Double> twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> (double) i).toList();
        assertThat(SmallFilesScenario.percentile(twenty, 99)).isEqualTo(20.0);
        assertThat(SmallFilesScenario.percentile(List.of(), 50)).isNaN();
    }

    @Test
    void labelsNameSizesAsTheIssueDoes() {
        assertThat(Labels.files(5_000, 20_000)).isEqualTo("5,000 x 20 KB");
        assertThat(Labels.size(20L << 20)).isEqualTo("20 MiB");
        assertThat(Labels.size(1L << 30)).isEqualTo("1 GiB");
        assertThat(Labels.size(1_234)).isEqualTo("1,234 B");
    }
}
