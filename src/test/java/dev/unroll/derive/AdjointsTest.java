package dev.unroll.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adjoint equations against the expanded sum: for every cell, the paths the adjoints stand for
 * are exactly the terms the differentiator finds (as the matrix form writes them), they count the
 * same, and they evaluate to the same gradient on seeded random weights.
 */
class AdjointsTest {
  private static final CellLibrary CELLS = new CellLibrary();
  private final Forms forms = new Forms(new TextbookCalculus());
  private final Adjoints adjoints = new Adjoints(new TextbookCalculus());

  static Stream<Arguments> cases() {
    Map<String, List<String>> params = Map.of(
        "rnn", List.of("W", "U", "V"),
        "lstm", List.of("Wf", "Ui", "bo", "Ug", "V"),
        "gru", List.of("Wz", "Uh", "br", "Ur", "V"));
    return Stream.of("rnn", "lstm", "gru").flatMap(cell -> params.get(cell).stream()
        .flatMap(p -> Stream.of(LossKind.LAST, LossKind.TOTAL)
            .flatMap(loss -> IntStream.rangeClosed(1, 4).mapToObj(n -> Arguments.of(cell, p, loss, n)))));
  }

  @ParameterizedTest(name = "{0} {1} {2} N={3}")
  @MethodSource("cases")
  void theAdjointsStandForExactlyTheExpandedTermsAndEvaluateToTheSameGradient(String cell, String wrt, LossKind loss,
      int steps) {
    UnrolledGraph graph = new Unroller().unroll(CELLS.load(cell), steps);
    Derivation expanded = new Differentiator().derive(graph, wrt, loss);
    AdjointSystem system = adjoints.derive(graph, loss);

    List<Expr> terms = expanded.terms().stream().map(forms::matrix).toList();
    assertThat(adjoints.expand(system, wrt)).containsExactlyInAnyOrderElementsOf(terms);
    assertThat(system.pathCount(wrt)).isEqualTo(java.math.BigInteger.valueOf(expanded.terms().size()));

    NumericValues values = new NumericValues(graph, 17L * steps + wrt.hashCode());
    values.solve(adjoints, system);
    RealMatrix compact = values.evaluate(adjoints.gradient(system, wrt));
    RealMatrix sum = values.evaluate(forms.matrixSum(expanded));
    assertThat(NumericValues.relativeError(compact, sum)).isLessThan(1e-12);
  }

  @ParameterizedTest(name = "{0} N={1}")
  @MethodSource("gatedCells")
  void theAdjointOfEveryNamedValueIsTheFiniteDifferenceOfTheLoss(String cell, int steps) {
    UnrolledGraph graph = new Unroller().unroll(CELLS.load(cell), steps);
    AdjointSystem system = adjoints.derive(graph, LossKind.TOTAL);
    NumericValues values = new NumericValues(graph, 99L + steps);
    values.solve(adjoints, system);
    for (AdjointSystem.Adjoint a : system.adjoints()) {
      RealMatrix adjoint = values.evaluate(adjoints.lhs(system, a.variable()));
      double[] fd = centralDifferences(values, graph, a.variable());
      RealMatrix expected = org.hipparchus.linear.MatrixUtils.createColumnRealMatrix(fd);
      assertThat(NumericValues.relativeError(adjoint, expected)).as("dE/d%s", a.variable()).isLessThan(1e-7);
    }
  }

  static Stream<Arguments> gatedCells() {
    return Stream.of("lstm", "gru").flatMap(c -> Stream.of(1, 3).map(n -> Arguments.of(c, n)));
  }

  /** dE/dv by central differences, with v's value replaced and everything after it recomputed. */
  static double[] centralDifferences(NumericValues values, UnrolledGraph graph, Node v) {
    double[] base = values.value(v);
    double[] out = new double[base.length];
    double h = 1e-6;
    for (int i = 0; i < base.length; i++) {
      double[] plus = base.clone();
      plus[i] += h;
      values.forward(Map.of(v, plus));
      double up = values.loss(graph.losses());
      double[] minus = base.clone();
      minus[i] -= h;
      values.forward(Map.of(v, minus));
      double down = values.loss(graph.losses());
      out[i] = (up - down) / (2 * h);
    }
    values.forward(Map.of());
    return out;
  }

  @Test
  void theCellStateAdjointInElementwiseFormAsTheLessonWritesIt() {
    UnrolledGraph graph = new Unroller().unroll(CELLS.load("lstm"), 3);
    AdjointSystem system = adjoints.derive(graph, LossKind.TOTAL);
    dev.unroll.render.LatexWriter tex = new dev.unroll.render.LatexWriter(dev.unroll.render.Notation.LESSON);
    Expr rhs = adjoints.rhs(system, system.adjoint("c", Time.t(0)).orElseThrow());
    assertThat(tex.write(adjoints.elementwise(rhs))).isEqualTo(
        "\\frac{\\partial E}{\\partial c_{t+1}} \\odot f_{t+1} + \\frac{\\partial E}{\\partial h_{t}} \\odot o_{t}"
            + " \\odot \\left(1 - \\tanh(c_{t})^{2}\\right)");
    // A term with a weight matrix keeps its diagonals, so no elementwise product stands inside a matrix product.
    Expr h = adjoints.rhs(system, system.adjoint("h", Time.t(0)).orElseThrow());
    assertThat(((Expr.Sum) adjoints.elementwise(h)).terms().get(0)).isEqualTo(((Expr.Sum) h).terms().get(0));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"lstm", "gru"})
  void theElementwiseFormHasTheSameValue(String cell) {
    UnrolledGraph graph = new Unroller().unroll(CELLS.load(cell), 3);
    AdjointSystem system = adjoints.derive(graph, LossKind.TOTAL);
    NumericValues values = new NumericValues(graph, 11);
    values.solve(adjoints, system);
    for (AdjointSystem.Adjoint a : system.adjoints()) {
      Expr rhs = adjoints.rhs(system, a);
      assertThat(NumericValues.relativeError(values.evaluate(adjoints.elementwise(rhs)), values.evaluate(rhs)))
          .as("%s", a.variable()).isLessThan(1e-15);
    }
  }

  @Test
  void eliminatingTheLstmGatesLeavesARecursionOnItsStatesWithTheSameTermsAndValue() {
    UnrolledGraph graph = new Unroller().unroll(CELLS.load("lstm"), 3);
    Derivation expanded = new Differentiator().derive(graph, "Ug", LossKind.TOTAL);
    AdjointSystem full = adjoints.derive(graph, LossKind.TOTAL);
    AdjointSystem states = full;
    for (String gate : List.of("i", "f", "o", "g", "q")) {
      states = adjoints.eliminate(states, gate);
    }
    assertThat(states.adjoints()).extracting(a -> a.variable().name().orElseThrow().name()).containsOnly("h", "c");
    assertThat(adjoints.expand(states, "Ug"))
        .containsExactlyInAnyOrderElementsOf(expanded.terms().stream().map(forms::matrix).toList());
    NumericValues values = new NumericValues(graph, 23);
    values.solve(adjoints, states);
    RealMatrix compact = values.evaluate(adjoints.gradient(states, "Ug"));
    assertThat(NumericValues.relativeError(compact, values.evaluate(forms.matrixSum(expanded)))).isLessThan(1e-12);
  }

  @Test
  void aDroppedConsumerMakesTheAdjointsDisagreeWithTheExpandedSum() {
    UnrolledGraph graph = new Unroller().unroll(CELLS.load("lstm"), 3);
    Derivation expanded = new Differentiator().derive(graph, "Wf", LossKind.LAST);
    AdjointSystem system = adjoints.derive(graph, LossKind.LAST);
    Node ct = graph.node("c", Time.t(0)).orElseThrow();
    Node next = graph.node("c", Time.t(1)).orElseThrow();
    List<AdjointSystem.Adjoint> broken = new ArrayList<>();
    for (AdjointSystem.Adjoint a : system.adjoints()) {
      broken.add(!a.variable().equals(ct) ? a : new AdjointSystem.Adjoint(ct,
          a.routes().stream().filter(r -> !r.consumer().equals(next)).toList()));
    }
    assertThat(broken).isNotEqualTo(system.adjoints());
    AdjointSystem wrong = new AdjointSystem(graph, system.loss(), system.lossSymbol(), system.roots(), broken, system.uses());

    List<Expr> terms = expanded.terms().stream().map(forms::matrix).toList();
    assertThat(adjoints.expand(wrong, "Wf")).doesNotContainSequence(terms).hasSizeLessThan(terms.size());
    NumericValues values = new NumericValues(graph, 5);
    values.solve(adjoints, wrong);
    RealMatrix compact = values.evaluate(adjoints.gradient(wrong, "Wf"));
    RealMatrix sum = values.evaluate(forms.matrixSum(expanded));
    assertThat(NumericValues.relativeError(compact, sum)).isGreaterThan(1e-3);
  }
}
