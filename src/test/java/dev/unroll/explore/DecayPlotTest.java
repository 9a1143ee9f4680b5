package dev.unroll.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plot's bytes depend only on the numbers; its lines carry the measured numbers. */
class DecayPlotTest {
  private static Decay decay(double scale) {
    List<Decay.TermNorm> terms = List.of(new Decay.TermNorm(0, 2, 1, 1, 1), new Decay.TermNorm(1, scale, scale / 2, 0.5, 1),
        new Decay.TermNorm(2, 0, 0, 0.25, 1));
    return new Decay("tanh", 1, "W", 3, 1, 0.1, dev.unroll.derive.LossKind.LAST,
        List.of(new Decay.Run(Setting.parse("0.5/gamma"), 0.5, 0.5, terms, 0.3, 0.1),
            new Decay.Run(Setting.parse("2"), 2, 2, terms, 0.05, 0.05)));
  }

  @Test
  void theSameDecayGivesTheSameBytesAndAnotherDecayOthers() {
    String first = DecayPlot.svg(decay(0.4));
    assertThat(DecayPlot.svg(decay(0.4))).isEqualTo(first);
    assertThat(first).startsWith("<?xml").contains("<svg").contains("unroll-decay-").contains("stages back");
    assertThat(DecayPlot.svg(decay(0.2))).isNotEqualTo(first);
  }

  @Test
  void theLinesHoldTheMeasuredAndBoundPointsLeavingOutZeros() {
    List<LogPlot.Line> lines = DecayPlot.plot(decay(0.4)).lines();
    assertThat(lines).extracting(LogPlot.Line::label)
        .containsExactly("measured, 0.5/gamma", "bound, 0.5/gamma", "measured, 2", "bound, 2");
    assertThat(lines).extracting(LogPlot.Line::color).containsExactly(0, 0, 1, 1);
    assertThat(lines).extracting(LogPlot.Line::dashed).containsExactly(false, true, false, true);
    assertThat(lines.get(0).points()).containsExactly(new LogPlot.Point(0, 1), new LogPlot.Point(1, 0.2));
    assertThat(lines.get(1).points()).containsExactly(new LogPlot.Point(0, 1), new LogPlot.Point(1, 0.5), new LogPlot.Point(2, 0.25));
  }

  @Test
  void theTableHasASummaryRowPerSettingAndARowPerTerm() {
    List<List<String>> rows = DecayTable.markdown(decay(0.4)).lines().filter(l -> l.startsWith("| "))
        .map(l -> java.util.Arrays.stream(l.substring(1, l.length() - 1).split("\\|")).map(String::strip).toList()).toList();
    assertThat(rows).contains(List.of("0.5/gamma", "0.5", "0.5", "0", "0.25", "yes", "0.3", "0.1"))
        .contains(List.of("1", "0.2", "0.5", "0.2", "0.5"));
    assertThat(DecayTable.number(3.093e-20)).isEqualTo("3.09 × 10⁻²⁰");
    assertThat(DecayTable.number(0.5)).isEqualTo("0.5");
  }
}
