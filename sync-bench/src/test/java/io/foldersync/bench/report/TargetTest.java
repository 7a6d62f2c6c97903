package io.foldersync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void aRatioTargetComparesWithRsync() {
        Target target = Target.ratioAtMost(1.0);
        assertThat(target.text()).isEqualTo("≤ 1.0x rsync");
        assertThat(target.judge(Figure.seconds(1.2), Figure.seconds(1.25))).isEqualTo(Verdict.PASS);
        assertThat(target.judge(Figure.seconds(26.4), Figure.seconds(1.25))).isEqualTo(Verdict.FAIL);
        assertThat(target.judge(Figure.seconds(1.0), Figure.failed())).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aFigureCutOffAtItsTimeoutOrMissingNeverPasses() {
        assertThat(Target.ratioAtMost(1000).judge(Figure.moreThanSeconds(1), Figure.seconds(5))).isEqualTo(Verdict.FAIL);
        assertThat(Target.below(2, "< 2 s").judge(Figure.failed(), Figure.notApplicable())).isEqualTo(Verdict.FAIL);
        assertThat(Target.atMost(20, "≤ 20 s").judge(Figure.moreThanSeconds(3), Figure.notApplicable()))
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void fewerBytesThanRsyncAndUnderALimit() {
        Target target = Target.belowRsyncAnd(104_858, "< rsync, < 0.5 %");
        assertThat(target.judge(Figure.bytes(30_000), Figure.bytes(50_637))).isEqualTo(Verdict.PASS);
        assertThat(target.judge(Figure.bytes(60_000), Figure.bytes(50_637))).isEqualTo(Verdict.FAIL);
        assertThat(target.judge(Figure.bytes(200_000), Figure.bytes(500_000))).isEqualTo(Verdict.FAIL);
        assertThat(target.judge(Figure.bytes(20_971_620), Figure.bytes(50_637))).isEqualTo(Verdict.FAIL);
    }

    @Test
    void limitsAndYesNo() {
        assertThat(Target.below(200, "< 200 ms").judge(Figure.millis(199), Figure.notApplicable())).isEqualTo(Verdict.PASS);
        assertThat(Target.below(200, "< 200 ms").judge(Figure.millis(200), Figure.notApplicable())).isEqualTo(Verdict.FAIL);
        assertThat(Target.atMost(0, "none").judge(Figure.count(0), Figure.notApplicable())).isEqualTo(Verdict.PASS);
        assertThat(Target.atMost(0, "none").judge(Figure.count(1), Figure.notApplicable())).isEqualTo(Verdict.FAIL);
        assertThat(Target.yes("yes").judge(Figure.yes(true), Figure.notApplicable())).isEqualTo(Verdict.PASS);
        assertThat(Target.yes("yes").judge(Figure.yes(false), Figure.notApplicable())).isEqualTo(Verdict.FAIL);
        assertThat(Target.info().judge(Figure.failed(), Figure.failed())).isEqualTo(Verdict.INFO);
    }
}
