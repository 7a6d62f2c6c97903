package io.foldersync.client.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TextDiffTest {

    static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void identicalTextsHaveNoChangeAndFoldIntoOneGap() {
        TextDiff.Result result = TextDiff.of("a\nb\n", "a\nb\n");
        assertThat(result.identical()).isTrue();
        assertThat(result.changes()).isZero();
        assertThat(result.rows()).containsExactly(new TextDiff.Row("gap", null, null, null, null, 2));
    }

    @Test
    void aChangedLineIsPairedWithItsReplacement() {
        TextDiff.Result result = TextDiff.of("a\nb\nc\n", "a\nB\nc\n");
        assertThat(result.rows()).containsExactly(
                new TextDiff.Row("same", 1, "a", 1, "a", null),
                new TextDiff.Row("change", 2, "b", 2, "B", null),
                new TextDiff.Row("same", 3, "c", 3, "c", null));
        assertThat(result.changes()).isEqualTo(1);
    }

    @Test
    void insertedAndDeletedLinesStandOnTheirSideOnly() {
        assertThat(TextDiff.of("a\nc\n", "a\nb\nc\n").rows()).contains(new TextDiff.Row("insert", null, null, 2, "b", null));
        assertThat(TextDiff.of("a\nb\nc\n", "a\nc\n").rows()).contains(new TextDiff.Row("delete", 2, "b", null, null, null));
    }

    @Test
    void unchangedStretchesFarFromAChangeAreFoldedLeavingThreeLinesOfContext() {
        String left = lines(1, 40);
        String right = left.replace("line 20\n", "line twenty\n");
        List<TextDiff.Row> rows = TextDiff.of(left, right).rows();
        assertThat(rows.get(0)).isEqualTo(new TextDiff.Row("gap", null, null, null, null, 16));
        assertThat(rows.subList(1, 8)).extracting(TextDiff.Row::leftNo).containsExactly(17, 18, 19, 20, 21, 22, 23);
        assertThat(rows.get(4).type()).isEqualTo("change");
        assertThat(rows.get(8)).isEqualTo(new TextDiff.Row("gap", null, null, null, null, 17));
    }

    @Test
    void aMissingFinalNewlineAndWindowsLineEndsAreLinesLikeAnyOther() {
        assertThat(TextDiff.lines("a\r\nb")).containsExactly("a", "b");
        assertThat(TextDiff.lines("")).isEmpty();
        assertThat(TextDiff.lines("\n")).containsExactly("");
    }

    @Test
    void refusesToDiffHugeTexts() {
        TextDiff.Result result = TextDiff.of(lines(1, TextDiff.MAX_LINES + 1), "x\n");
        assertThat(result.tooLarge()).isTrue();
        assertThat(result.rows()).isEmpty();
    }
}
