package io.foldersync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableTest {

    private final Table table = new Table(List.of(
            new Row("2a", "insert, server edit: bytes", Figure.bytes(20_971_620), Figure.bytes(50_637),
                    Target.belowRsyncAnd(104_858, "< rsync, < 0.5 %")),
            new Row("1b", "first sync 50,000 x 2 KB", Figure.moreThanSeconds(600), Figure.seconds(5.08),
                    Target.ratioAtMost(2.0)),
            new Row("1a", "first sync 5,000 x 20 KB", Figure.seconds(26.4), Figure.seconds(1.25), Target.ratioAtMost(1.0)),
            new Row("1a", "  client start | launch to handshake", Figure.seconds(3.9), Figure.notApplicable(),
                    Target.info())));

    @Test
    void rowsAreInCaseOrderAndKeepTheirOrderWithinACase() {
        assertThat(table.rows()).extracting(Row::id).containsExactly("1a", "1a", "1b", "2a");
        assertThat(table.rows().get(1).what()).startsWith("  client start");
    }

    @Test
    void ratiosSayWhenOursWasCutOff() {
        assertThat(table.rows().get(0).ratio()).isEqualTo("21.1x");
        assertThat(table.rows().get(1).ratio()).isEmpty();
        assertThat(table.rows().get(2).ratio()).isEqualTo("> 118x");
        assertThat(table.rows().get(3).ratio()).isEqualTo("414x");
        assertThat(new Row("x", "x", Figure.seconds(1), Figure.seconds(2), Target.info()).ratio()).isEqualTo("0.50x");
    }

    @Test
    void theTextTableIsAlignedAndCountsVerdicts() {
        List<String> lines = table.text().lines().toList();
        assertThat(lines.get(0)).startsWith("case").contains("foldersync", "rsync", "ratio", "target", "result");
        assertThat(lines.get(2)).contains("26.4 s", "1.25 s", "21.1x", "≤ 1.0x rsync", "FAIL");
        assertThat(lines.get(4)).contains("> 600.0 s", "5.08 s");
        assertThat(lines.get(0).indexOf("foldersync") + "foldersync".length())
                .isEqualTo(lines.get(2).indexOf("26.4 s") + "26.4 s".length());
        assertThat(table.count(Verdict.FAIL)).isEqualTo(3);
        assertThat(table.count(Verdict.INFO)).isEqualTo(1);
    }

    @Test
    void theMarkdownTableEscapesPipesAndMarksDetailRows() {
        String markdown = table.markdown();
        assertThat(markdown.lines().toList()).hasSize(6);
        assertThat(markdown).contains("| 1a  ↳ client start \\| launch to handshake | 3.90 s | n/a |  |  |  |")
                .contains("| 1a  first sync 5,000 x 20 KB | 26.4 s |");
    }
}
