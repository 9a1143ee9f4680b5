package dev.unroll.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.unroll.render.PlotReading;
import dev.unroll.render.PlotView;

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
    assertThat(LogPlot.Line.of("empty", 0, false, new double[] {0}).points()).isEmpty();
    assertThatThrownBy(() -> LogPlot.Line.of("l", -1, false, new double[] {1}))
        .hasMessage("A line's color is an index from 0, got -1.");
  }

  /** What the picture draws, read back through its own axis marks, is the line's points. */
  @Test
  void thePictureDrawsEveryPointWhereItsAxesSayItIs() {
    double[] decaying = {1, 0.47, 0.09, 2.1e-2, 3.6e-3, 9.7e-4, 2.1e-4, 3.6e-5, 1.05e-5, 2.06e-6, 3.4e-7, 8.5e-8, 1.7e-8};
    double[] growing = new double[decaying.length];
    for (int j = 0; j < growing.length; j++) {
      growing[j] = Math.pow(1.5, j);
    }
    LogPlot plot = new LogPlot("test", "t", "j", "norm", List.of(LogPlot.Line.of("measured", 0, false, decaying),
        LogPlot.Line.of("bound", 2, true, growing)));
    PlotView view = plot.picture();
    PlotReading drawn = PlotReading.of(view);
    assertThat(drawn.labels()).containsExactly("measured", "bound");
    for (LogPlot.Line line : plot.lines()) {
      List<double[]> points = drawn.points(line.label());
      assertThat(points).as(line.label()).hasSameSizeAs(line.points());
      for (int j = 0; j < points.size(); j++) {
        assertThat(points.get(j)[0]).as("%s x at %d", line.label(), j).isCloseTo(j, within(1e-4));
        // A place to a thousandth of a unit, 100 units for 11 decades: within 0.013 % of the value.
        assertThat(points.get(j)[1]).as("%s y at %d", line.label(), j)
            .isCloseTo(line.points().get(j).y(), withinPercentage(0.02));
      }
    }
    // 1.7e-8 to 1.5^12 = 130: the powers of ten from 10^-8 to 10^3, marked every other one.
    assertThat(view.yTicks()).extracting(PlotView.Tick::label).containsExactly("10^{-8}", "10^{-6}", "10^{-4}", "10^{-2}", "10^{0}", "10^{2}");
    assertThat(view.yTicks().get(0).at()).isEqualTo("0.000");
    assertThat(view.xTicks()).extracting(PlotView.Tick::label).containsExactly("0", "2", "4", "6", "8", "10", "12");
    assertThat(view.xTicks().get(6).at()).isEqualTo("170.000");
    assertThat(view.lines().get(0).path()).startsWith("\\polyline(0.000,").doesNotContain("multiput");
    assertThat(view.lines().get(1).path()).startsWith("\\multiput(0.000,").doesNotContain("polyline");
  }

  /** Each dash of a dashed line lies on the segment it belongs to, and every segment starts and ends with a dash. */
  @Test
  void aDashedLineIsDashesAlongEachSegmentFromPointToPoint() {
    PlotView view = new LogPlot("test", "t", "j", "norm", List.of(LogPlot.Line.of("bound", 1, true, new double[] {1, 10, 1000, 1000})))
        .picture();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "\\\\multiput\\(([-0-9.]+),([-0-9.]+)\\)\\(([-0-9.]+),([-0-9.]+)\\)\\{(\\d+)}\\{\\\\Line\\(0,0\\)\\(([-0-9.]+),([-0-9.]+)\\)}")
        .matcher(view.lines().get(0).path());
    List<double[]> segments = new java.util.ArrayList<>();
    while (m.find()) {
      double[] s = new double[7];
      for (int g = 0; g < 7; g++) {
        s[g] = Double.parseDouble(m.group(g + 1));
      }
      segments.add(s);
    }
    assertThat(segments).hasSize(3);
    for (int i = 0; i < 3; i++) {
      double[] s = segments.get(i);
      // the step is twice the dash, along the same direction: a gap as long as a dash between dashes
      assertThat(s[2]).isCloseTo(2 * s[5], within(1e-4));
      assertThat(s[3]).isCloseTo(2 * s[6], within(1e-4));
      assertThat(s[4]).as("a segment of 1 to 3 decades is several dashes").isGreaterThan(3);
      if (i < 2) {
        double[] next = segments.get(i + 1);
        assertThat(s[0] + (s[4] - 1) * s[2] + s[5]).as("segment %d ends where the next starts", i).isCloseTo(next[0], within(2e-3));
        assertThat(s[1] + (s[4] - 1) * s[3] + s[6]).isCloseTo(next[1], within(2e-3));
      }
    }
    assertThat(segments.get(2)[3]).as("the last segment is level").isEqualTo(0.0);
  }

  @Test
  void aPlotWithNothingToShowStillHasTwoMarksOnEachAxisAndALoneValueIsADot() {
    PlotView empty = new LogPlot("test", "t", "j", "norm", List.of(LogPlot.Line.of("zero", 0, false, new double[] {0, 0}))).picture();
    assertThat(empty.lines().get(0).path()).isEmpty();
    assertThat(empty.xTicks()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(empty.yTicks()).hasSizeGreaterThanOrEqualTo(2);
    PlotView lone = new LogPlot("test", "t", "j", "norm", List.of(LogPlot.Line.of("one", 0, true, new double[] {0.5}))).picture();
    assertThat(PlotReading.of(lone).ys("one")).hasSize(1);
    assertThat(PlotReading.of(lone).ys("one")[0]).isCloseTo(0.5, withinPercentage(0.01));
    assertThat(lone.yTicks()).extracting(PlotView.Tick::label).containsExactly("10^{-1}", "10^{0}");
  }

  @Test
  void theSamePlotGivesTheSameBytesAndOtherPointsOthers() {
    String first = plot(0.25).svg();
    assertThat(plot(0.25).svg()).isEqualTo(first);
    assertThat(first).startsWith("<?xml").contains("<svg").contains("unroll-test-").contains("A title")
        .contains("first").contains("second");
    assertThat(plot(0.125).svg()).isNotEqualTo(first);
    assertThat(plot(0.25).picture()).isEqualTo(plot(0.25).picture());
    assertThat(plot(0.125).picture()).isNotEqualTo(plot(0.25).picture());
  }
}
