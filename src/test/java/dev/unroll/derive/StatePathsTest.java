package dev.unroll.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.Map;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gradient along one state: the cell-state path of the LSTM, and every route, from the graph. */
class StatePathsTest {
  private static final CellLibrary CELLS = new CellLibrary();
  private final StatePaths paths = new StatePaths(new TextbookCalculus());
  private final Adjoints adjoints = new Adjoints(new TextbookCalculus());
  private final LatexWriter tex = new LatexWriter(Notation.LESSON);

  private static UnrolledGraph unroll(String cell, int steps) {
    return new Unroller().unroll(CELLS.load(cell), steps);
  }

  @Test
  void theCellStateStepsBackThroughTheForgetGateAlone() {
    UnrolledGraph g = unroll("lstm", 3);
    assertThat(tex.write(paths.step(g, "c", Time.t(0), StatePaths.Family.OWN_CHAIN)))
        .isEqualTo("\\operatorname{diag}\\left(f_{t}\\right)");
    // All routes add the paths through h_{t-1} and the three gates that write c_t.
    Expr all = paths.step(g, "c", Time.t(0), StatePaths.Family.ALL_ROUTES);
    assertThat(all).isInstanceOf(Expr.Sum.class);
    assertThat(((Expr.Sum) all).terms()).hasSize(4).contains(new Expr.Diag(g.node("f", Time.t(0)).orElseThrow().label()));
  }

  @Test
  void alongTheCellStateTheGradientIsTheProductOfForgetGates() {
    AdjointSystem s = adjoints.derive(unroll("lstm", 4), LossKind.LAST);
    assertThat(tex.write(paths.along(s, "c", Time.t(-1)))).isEqualTo(
        "\\operatorname{diag}\\left(f_{t}\\right) \\operatorname{diag}\\left(f_{t+1}\\right)"
            + " \\frac{\\partial E_{t+1}}{\\partial c_{t+1}}");
    Expr series = paths.alongSeries(s, "c", Time.t(-2)).orElseThrow();
    assertThat(tex.write(series)).isEqualTo(
        "\\left(\\prod_{j=t-1}^{t+1} \\operatorname{diag}\\left(f_{j}\\right)\\right) \\frac{\\partial E_{t+1}}{\\partial c_{t+1}}");
    assertThat(ClosedForm.expand(series)).isEqualTo(paths.along(s, "c", Time.t(-2)));
    assertThat(paths.alongSeries(s, "c", Time.t(1))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru", "rnn"})
  void everyRouteStepIsTheJacobianOfTheStateByFiniteDifferences(String cell) {
    String state = cell.equals("rnn") ? "s" : cell.equals("lstm") ? "c" : "h";
    UnrolledGraph g = unroll(cell, 3);
    NumericValues values = new NumericValues(g, 41);
    Node from = g.node(state, Time.t(-1)).orElseThrow();
    Node to = g.node(state, Time.t(0)).orElseThrow();
    RealMatrix step = values.evaluate(paths.step(g, state, Time.t(0), StatePaths.Family.ALL_ROUTES));
    // Column i of the Jacobian dv_t/dv_{t-1} is row i of the column form.
    double[] base = values.value(from);
    double h = 1e-6;
    double[][] jacobian = new double[base.length][];
    for (int i = 0; i < base.length; i++) {
      double[] plus = base.clone();
      plus[i] += h;
      values.forward(Map.of(from, plus));
      double[] up = values.value(to);
      double[] minus = base.clone();
      minus[i] -= h;
      values.forward(Map.of(from, minus));
      double[] down = values.value(to);
      jacobian[i] = new double[up.length];
      for (int r = 0; r < up.length; r++) {
        jacobian[i][r] = (up[r] - down[r]) / (2 * h);
      }
    }
    assertThat(NumericValues.relativeError(step, MatrixUtils.createRealMatrix(jacobian))).isLessThan(1e-8);
  }

  @Test
  void withOneStateTheOwnChainIsTheWholeGradientButNotForTheLstm() {
    AdjointSystem rnn = adjoints.derive(unroll("rnn", 4), LossKind.LAST);
    NumericValues v = new NumericValues(rnn.graph(), 3);
    v.solve(adjoints, rnn);
    Node s = rnn.graph().node("s", Time.t(-2)).orElseThrow();
    assertThat(NumericValues.relativeError(v.evaluate(paths.along(rnn, "s", Time.t(-2))),
        v.evaluate(adjoints.lhs(rnn, s)))).isLessThan(1e-12);

    AdjointSystem lstm = adjoints.derive(unroll("lstm", 4), LossKind.LAST);
    NumericValues w = new NumericValues(lstm.graph(), 3);
    w.solve(adjoints, lstm);
    Node c = lstm.graph().node("c", Time.t(-2)).orElseThrow();
    assertThat(NumericValues.relativeError(w.evaluate(paths.along(lstm, "c", Time.t(-2))),
        w.evaluate(adjoints.lhs(lstm, c)))).isGreaterThan(1e-3);
  }

  @Test
  void onlyAStateCanBeFollowed() {
    UnrolledGraph g = unroll("lstm", 3);
    assertThatThrownBy(() -> paths.step(g, "f", Time.t(0), StatePaths.Family.OWN_CHAIN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("'f' is not a state of the cell 'lstm'.");
    assertThatThrownBy(() -> paths.step(g, "c", Time.t(-2), StatePaths.Family.OWN_CHAIN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value 'c' at stage t-3");
  }
}
