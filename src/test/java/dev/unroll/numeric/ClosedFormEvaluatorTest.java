package dev.unroll.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.derive.TextbookCalculus;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.Map;
import java.util.stream.Stream;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The closed form, found from three stages, evaluated over N stages, is the backward pass's gradient. */
class ClosedFormEvaluatorTest {
  private static final CellDefinition RNN = new CellLibrary().load("rnn");
  private final Forms forms = new Forms(new TextbookCalculus());

  static Stream<Arguments> cases() {
    return Stream.of(1, 2, 3, 7, 12, 200, 3000).flatMap(n -> Stream.of("W", "U").flatMap(p ->
        Stream.of(LossKind.LAST, LossKind.TOTAL).flatMap(l -> Stream.of("tanh", "sigmoid").map(a -> Arguments.of(n, p, l, a)))));
  }

  @ParameterizedTest(name = "N={0} {1} {2} {3}")
  @MethodSource("cases")
  void agreesWithTheBackwardPassToDoublePrecision(int steps, String wrt, LossKind loss, String activation) {
    CellDefinition cell = RNN.withPlaceholder("f", activation);
    Recurrence r = forms.recurrence(new Differentiator().derive(new Unroller().unroll(cell, 3), wrt, LossKind.LAST))
        .orElseThrow().over(steps);
    UnrolledGraph graph = new Unroller().unroll(cell, steps);
    Params params = new ParamsGenerator(cell).generate(7, Map.of("H", 5, "D", 3, "K", 4), steps, activation);
    Backprop.Result bp = new Backprop().run(graph, params, loss);
    RealMatrix closed = new ClosedFormEvaluator(bp.tape()).evaluate(r, loss);
    RealMatrix reference = bp.gradients().get(wrt);
    double error = closed.subtract(reference).getFrobeniusNorm() / Math.max(reference.getFrobeniusNorm(), 1e-300);
    assertThat(error).as("relative error").isLessThan(1e-12);
  }
}
