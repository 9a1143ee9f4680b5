package dev.unroll.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/** The Expr to Symja translation on hand-built expressions with small whole-number values. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcreteEvaluatorTest {
  private final SymjaSession session = new SymjaSession();
  private final UnrolledGraph graph = new Unroller().unroll(new CellLibrary().load("rnn"), 1);
  private final Expr s = Expr.Symbol.at("s", Time.t(1), Expr.Role.STATE);
  private final Expr s0 = Expr.Symbol.at("s", Time.t(0), Expr.Role.STATE);
  private final Expr w = Expr.Symbol.param("W");
  private final ConcreteEvaluator evaluator;

  ConcreteEvaluatorTest() {
    Map<Node, SymbolicMatrix> values = new HashMap<>();
    values.put(graph.node("s", Time.t(1)).orElseThrow(), column(2, 3));
    values.put(graph.node("s", Time.t(0)).orElseThrow(), column(5, 7));
    values.put(graph.param("W"), SymbolicMatrix.of(new IExpr[][] {{F.ZZ(1), F.ZZ(2)}, {F.ZZ(3), F.ZZ(4)}}));
    evaluator = new ConcreteEvaluator(session, graph, values);
  }

  private static SymbolicMatrix column(long a, long b) {
    return SymbolicMatrix.column(new IExpr[] {F.ZZ(a), F.ZZ(b)});
  }

  private String eval(Expr e) {
    SymbolicMatrix m = evaluator.evaluate(e);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        out.append(j == 0 ? (i == 0 ? "" : "; ") : " ").append(m.get(i, j));
      }
    }
    return out.toString();
  }

  @Test
  void aNumberInASumIsThatNumberTimesOnes() {
    assertThat(eval(new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(s, 2)))))).isEqualTo("-3; -8");
  }

  @Test
  void theOuterProductOfAColumnAndARowIsAMatrix() {
    assertThat(eval(Expr.juxtapose(List.of(s, new Expr.Transpose(s0))))).isEqualTo("10 14; 15 21");
  }

  @Test
  void diagTransposeAndMatrixProductsCompose() {
    // W^T s0 = (1*5 + 3*7, 2*5 + 4*7) = (26, 38); diag(2, 3) times that is (52, 114).
    assertThat(eval(Expr.juxtapose(List.of(new Expr.Diag(s), new Expr.Transpose(w), s0)))).isEqualTo("52; 114");
  }

  @Test
  void hadamardAndStepActElementwise() {
    Expr shifted = new Expr.Sum(List.of(s, new Expr.Negate(new Expr.Num(3))));
    assertThat(eval(new Expr.Hadamard(s0, new Expr.Apply("step", List.of(shifted))))).isEqualTo("0; 0");
    assertThat(eval(new Expr.Apply("step", List.of(s)))).isEqualTo("1; 1");
  }

  @Test
  void otherFunctionsAreSymjaBuiltIns() {
    assertThat(eval(new Expr.Apply("abs", List.of(new Expr.Negate(s))))).isEqualTo("2; 3");
  }

  @Test
  void mismatchedShapesAreRefused() {
    assertThatThrownBy(() -> eval(Expr.juxtapose(List.of(s, s0)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 x 1 matrix");
  }
}
