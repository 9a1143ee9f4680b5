package dev.unroll.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.TextbookCalculus;
import dev.unroll.render.GatedLessonView;
import dev.unroll.render.PlotReading;
import dev.unroll.render.PlotView;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The gated lesson finds the memory state in the graph, and its findings agree with its own table. */
class GatedLessonsTest {
  private final CellLibrary cells = new CellLibrary();

  @Test
  void theLstmsMemoryIsTheCellStateWithTheForgetGateAndTheGruHasNone() {
    assertThat(GatedLessons.memory(new Unroller().unroll(cells.load("lstm"), 2)))
        .contains(new GatedLessons.Memory("c", "f", "bf"));
    assertThat(GatedLessons.memory(new Unroller().unroll(cells.load("gru"), 2))).isEmpty();
    assertThat(GatedLessons.memory(new Unroller().unroll(cells.load("rnn"), 2))).isEmpty();
  }

  @Test
  void theLessonsCountOfPathsIsTheExpandedSumsNumberOfTerms() {
    for (String cell : List.of("lstm", "gru")) {
      String wrt = cell.equals("lstm") ? "Uf" : "Uz";
      GatedLessonView v = new GatedLessons(cells, new TextbookCalculus())
          .lesson(new LessonSpec(cell, 3, wrt, "tanh", LossKind.LAST, LessonSpec.Form.AUTO), cells.load(cell)).view();
      int expanded = new dev.unroll.derive.Differentiator()
          .derive(new Unroller().unroll(cells.load(cell), 3), wrt, LossKind.LAST).terms().size();

      assertThat(v.paths().here()).as(cell).isEqualTo(Integer.toString(expanded));
      assertThat(v.paths().farSteps()).isEqualTo(GradientMeasure.STEPS);
      assertThat(v.paths().far()).as("too many to write out").matches("\\d\\.?\\d* \\\\times 10\\^\\{\\d+\\}");
    }
  }

  @Test
  void everyFindingAboutTheLstmIsBorneOutByTheMeasuredTable() {
    GatedLessonView v = new GatedLessons(cells, new TextbookCalculus())
        .lesson(new LessonSpec("lstm", 4, "Uf", "tanh", LossKind.LAST, LessonSpec.Form.AUTO), cells.load("lstm")).view();
    GatedLessonView.MeasureView m = v.measure();
    assertThat(m.columns()).hasSize(5);
    List<String> first = m.rows().get(0).values();
    List<String> last = m.rows().get(m.rows().size() - 1).values();
    double rnn = ratio(first, last, 0);
    double closed = ratio(first, last, 1);
    double open = ratio(first, last, 2);
    String text = String.join(" ", m.findings());
    // The table's rounding is three digits; the findings were made from the unrounded numbers.
    assertThat(text.contains("still decays")).isEqualTo(closed < 1 && open < 1);
    assertThat(text.contains("made it decay")).isEqualTo(open > closed);
    assertThat(text.contains("made it decay far")).isEqualTo(open > 100 * closed);
    assertThat(text.contains("times more of the gradient than the RNN")).isEqualTo(open > rnn);
    assertThat(v.memory().present()).isTrue();
    assertThat(v.memory().along()).contains("\\prod_{j=k+1}^{t+1}", "f_{j}");
    assertThat(v.checks()).singleElement().satisfies(c -> assertThat(c.passed()).isTrue());
    assertThat(v.symbolicNote()).as("no symbolic check was given to this lesson").contains("No symbolic check was run");
  }

  @Test
  void theGrusFindingComparesItsOwnNumbersWithTheRnns() {
    GatedLessonView v = new GatedLessons(cells, new TextbookCalculus())
        .lesson(new LessonSpec("gru", 2, "Uz", "tanh", LossKind.TOTAL, LessonSpec.Form.AUTO), cells.load("gru")).view();
    GatedLessonView.MeasureView m = v.measure();
    List<String> first = m.rows().get(0).values();
    List<String> last = m.rows().get(m.rows().size() - 1).values();
    boolean less = ratio(first, last, 1) > ratio(first, last, 0);
    assertThat(String.join(" ", m.findings())).contains(less ? "less decay than the RNN" : "no less decay than the RNN");
    assertThat(v.memory().present()).isFalse();
    assertThat(Optional.of(v.generalStage())).hasValueSatisfying(s -> assertThat(s).contains("h_{k}"));
  }

  @Test
  void thePlotOfEachCellDrawsExactlyTheNumbersOfItsTable() {
    for (String name : List.of("lstm", "gru")) {
      LessonSpec spec = new LessonSpec(name, 2, name.equals("lstm") ? "Uf" : "Uz", "tanh", LossKind.LAST, LessonSpec.Form.AUTO);
      GatedLessons.Told told = new GatedLessons(cells, new TextbookCalculus()).lesson(spec, cells.load(name));
      GatedLessonView.MeasureView m = told.view().measure();
      assertThat(m.plot()).isEqualTo(spec.slug() + "-norms.svg");
      assertThat(told.attachments()).containsOnlyKeys(m.plot());
      assertThat(m.drawing().lines()).extracting(PlotView.Line::label).as(name).containsExactlyElementsOf(m.columns());
      PlotReading drawn = PlotReading.of(m.drawing());
      for (int c = 0; c < m.columns().size(); c++) {
        Map<Integer, Double> line = points(drawn.points(m.columns().get(c)));
        assertThat(line.keySet()).as("%s: a point at every stage", m.columns().get(c))
            .containsExactlyElementsOf(IntStream.range(0, m.steps()).boxed().toList());
        for (GatedLessonView.RowView row : m.rows()) {
          double table = number(row.values().get(c));
          // The table rounds to its last printed digit; the picture places a point to a thousandth of
          // its unit, a few parts in 10^5 of a decade.
          assertThat(line.get(row.distance())).as("%s, j = %d", m.columns().get(c), row.distance())
              .isCloseTo(table, within(halfUnit(row.values().get(c)) * 1.001 + Math.abs(table) * 3e-4));
        }
      }
      String svg = told.attachments().get(m.plot());
      m.columns().forEach(c -> assertThat(svg).contains(c));
      assertThat(m.drawing().lines()).allSatisfy(s -> assertThat(s.dashed()).as(s.label()).isEqualTo(s.label().contains("path only")));
    }
  }

  @Test
  void thePlotsSvgIsTheSameOnEveryRender() {
    LessonSpec spec = new LessonSpec("lstm", 2, "Uf", "tanh", LossKind.LAST, LessonSpec.Form.AUTO);
    String first = new GatedLessons(cells, new TextbookCalculus()).lesson(spec, cells.load("lstm")).attachments()
        .get(spec.slug() + "-norms.svg");
    String second = new GatedLessons(cells, new TextbookCalculus()).lesson(spec, cells.load("lstm")).attachments()
        .get(spec.slug() + "-norms.svg");
    assertThat(second).startsWith("<?xml").contains("unroll-norms-").isEqualTo(first);
  }

  /** Drawn points by their x, which the picture places to a thousandth of its unit. */
  private static Map<Integer, Double> points(List<double[]> drawn) {
    Map<Integer, Double> out = new TreeMap<>();
    for (double[] p : drawn) {
      assertThat(p[0]).isCloseTo(Math.rint(p[0]), within(1e-3));
      out.put((int) Math.rint(p[0]), p[1]);
    }
    return out;
  }

  private static double ratio(List<String> first, List<String> last, int column) {
    return number(last.get(column)) / number(first.get(column));
  }

  /** Half a unit in the last digit a printed number shows: the most its rounding can have moved it. */
  static double halfUnit(String printed) {
    Matcher m = Pattern.compile("(-?[0-9]+)(?:\\.([0-9]+))?(?: \\\\times 10\\^\\{(-?\\d+)\\})?").matcher(printed.strip());
    if (!m.matches()) {
      return Math.abs(number(printed)) * 0.05; // 10^{e} alone: a mantissa that rounded to 1.0
    }
    int decimals = m.group(2) == null ? 0 : m.group(2).length();
    int exponent = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return 0.5 * Math.pow(10, exponent - decimals);
  }

  /** A number as the lesson prints it: {@code 0.25}, {@code 3.1 \\times 10^{-20}} or {@code 10^{-5}}. */
  static double number(String printed) {
    Matcher m = Pattern.compile("(?:(-?[0-9.]+) \\\\times )?10\\^\\{(-?\\d+)\\}").matcher(printed.strip());
    if (m.matches()) {
      return (m.group(1) == null ? 1 : Double.parseDouble(m.group(1))) * Math.pow(10, Integer.parseInt(m.group(2)));
    }
    return Double.parseDouble(printed.strip());
  }
}
