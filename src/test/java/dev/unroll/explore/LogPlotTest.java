package dev.unroll.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A log plot keeps only what a log scale can show, and draws the same bytes for the same points. */
class LogPlotTest {
  private static LogPlot plot(double last) {
    return new LogPlot("test", "A title", "j", "norm", List.of(
        LogPlot.Line.of("first", 0, false, new double[] {1, 0.5, last}),
        LogPlot.Line.of("second", 6, true, new double[] {2, 0, Double.NaN, 1e-30})));
  }

  @Test
  void aLineLeavesOutZeroNegativeAndNonFinitePoints() {
    LogPlot.Line line = LogPlot.Line.of("l", 0, false, new double[] {3, 0, -1, Double.POSITIVE_INFINITY, 2.5e-7});
    assertThat(line.points()).containsExactly(new LogPlot.Point(0, 3), new LogPlot.Point(4, 2.5e-7));
    assertThat(line.coordinates()).isEqualTo("(0,3.000000e+00) (4,2.500000e-07)");
    assertThat(LogPlot.Line.of("empty", 0, false, new double[] {0}).coordinates()).isEmpty();
    assertThatThrownBy(() -> LogPlot.Line.of("l", -1, false, new double[] {1}))
        .hasMessage("A line's color is an index from 0, got -1.");
  }

  @Test
  void theSamePlotGivesTheSameBytesAndOtherPointsOthers() {
    String first = plot(0.25).svg();
    assertThat(plot(0.25).svg()).isEqualTo(first);
    assertThat(first).startsWith("<?xml").contains("<svg").contains("unroll-test-").contains("A title")
        .contains("first").contains("second");
    assertThat(plot(0.125).svg()).isNotEqualTo(first);
  }
}
