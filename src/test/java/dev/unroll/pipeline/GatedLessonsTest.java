package dev.unroll.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.TextbookCalculus;
import dev.unroll.render.GatedLessonView;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.Optional;
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
  void everyFindingAboutTheLstmIsBorneOutByTheMeasuredTable() {
    GatedLessonView v = new GatedLessons(cells, new TextbookCalculus())
        .view(new LessonSpec("lstm", 4, "Uf", "tanh", LossKind.LAST, LessonSpec.Form.AUTO), cells.load("lstm"));
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
    assertThat(v.symbolicNote()).contains("was not run");
  }

  @Test
  void theGrusFindingComparesItsOwnNumbersWithTheRnns() {
    GatedLessonView v = new GatedLessons(cells, new TextbookCalculus())
        .view(new LessonSpec("gru", 2, "Uz", "tanh", LossKind.TOTAL, LessonSpec.Form.AUTO), cells.load("gru"));
    GatedLessonView.MeasureView m = v.measure();
    List<String> first = m.rows().get(0).values();
    List<String> last = m.rows().get(m.rows().size() - 1).values();
    boolean less = ratio(first, last, 1) > ratio(first, last, 0);
    assertThat(String.join(" ", m.findings())).contains(less ? "less decay than the RNN" : "no less decay than the RNN");
    assertThat(v.memory().present()).isFalse();
    assertThat(Optional.of(v.generalStage())).hasValueSatisfying(s -> assertThat(s).contains("h_{k}"));
  }

  private static double ratio(List<String> first, List<String> last, int column) {
    return Double.parseDouble(last.get(column)) / Double.parseDouble(first.get(column));
  }
}
