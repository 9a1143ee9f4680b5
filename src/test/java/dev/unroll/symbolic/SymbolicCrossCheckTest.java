package dev.unroll.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The cross-check against D of the unrolled loss. The full grid (W, U, V x tanh, sigmoid x N = 1..4)
 * takes too long for a unit test on two shared cores, so a fixed sample covers every parameter, both
 * activations, every N and both losses; {@code CrossCheckTiming} runs any other configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SymbolicCrossCheckTest {
  private final CellLibrary cells = new CellLibrary();
  private final SymjaSession session = new SymjaSession();
  private final CellDefinition rnn = cells.load("rnn");
  private final SymjaCalculus calculus = new SymjaCalculus(session, rnn.activations());
  private final Forms forms = new Forms(calculus);
  private final SymbolicCrossCheck check = new SymbolicCrossCheck(session, rnn.activations());

  private Derivation derive(String activation, String wrt, int steps, LossKind loss) {
    CellDefinition cell = rnn.withPlaceholder("f", activation);
    return new Differentiator().derive(new Unroller().unroll(cell, steps), wrt, loss);
  }

  @ParameterizedTest(name = "{0} {1} N={2} {3}")
  @CsvSource({
      "tanh, W, 3, LAST",
      "sigmoid, W, 1, LAST",
      "tanh, U, 2, LAST",
      "sigmoid, U, 4, LAST",
      "tanh, V, 4, LAST",
      "sigmoid, V, 2, LAST",
      "tanh, W, 2, TOTAL",
  })
  void theConcreteSumMatchesDOfTheUnrolledLoss(String activation, String wrt, int steps, LossKind loss) {
    Derivation d = derive(activation, wrt, steps, loss);
    CrossCheckResult r = check.check(d, forms.concreteSum(d));
    assertThat(r.passed()).as(r.summary()).isTrue();
    assertThat(r.worstRelative()).isLessThan(1e-30);
    assertThat(r.entries()).isEqualTo(4);
    assertThat(r.steps()).isEqualTo(steps);
    assertThat(r.mode()).isEqualTo(CrossCheckResult.Mode.NUMERIC);
  }

  /**
   * The former route, Symja's D of the whole unrolled loss (exponential in N), against the forward
   * route at N = 2, entry by entry at one seeded point with exact rational leaves: the two are
   * different computations of the same derivative and must agree to 30 digits. Sigmoid and the total
   * loss reach softmax, cross-entropy and Exp through every stage.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"tanh, W, LAST", "sigmoid, U, TOTAL"})
  void theForwardRouteAgreesWithDOfTheWholeUnrolledLossAtTwoStages(String activation, String wrt, LossKind loss) {
    Derivation d = derive(activation, wrt, 2, loss);
    var leaves = SymbolicCrossCheck.randomLeaves(d.graph(), SymbolicCrossCheck.DEFAULT_SIZES, new java.util.Random(5));
    IExpr[][] forward = check.derivatives(d, leaves);
    IExpr[][] whole = new WholeExpressionD(session, rnn.activations())
        .derivatives(d, leaves);
    assertThat(forward.length).isEqualTo(2);
    for (int i = 0; i < forward.length; i++) {
      for (int j = 0; j < forward[i].length; j++) {
        IExpr f = forward[i][j];
        IExpr w = whole[i][j];
        double a = f.evalDouble();
        double b = w.evalDouble();
        assertThat(Math.abs(b)).as("entry %d %d is not trivially 0", i, j).isGreaterThan(1e-6);
        double difference = session.withPrecision(50,
            () -> session.eval(F.Abs(F.Subtract(f, w))).evalDouble());
        assertThat(difference / Math.abs(b)).as("entry %d %d: forward %s, whole %s", i, j, a, b).isLessThan(1e-30);
      }
    }
  }

  @Test
  void theMatrixFormMatchesToo() {
    Derivation d = derive("tanh", "W", 2, LossKind.LAST);
    assertThat(check.check(d, forms.matrixSum(d)).passed()).isTrue();
  }

  @Test
  void writingWWhereWTransposedBelongsFails() {
    Derivation d = derive("tanh", "W", 2, LossKind.LAST);
    Expr right = forms.matrixSum(d);
    Expr wrong = Rewrite.bottomUp(right,
        x -> x instanceof Expr.Transpose t && t.operand().equals(Expr.Symbol.param("W")) ? t.operand() : x);
    assertThat(wrong).isNotEqualTo(right);
    CrossCheckResult r = check.check(d, wrong);
    assertThat(r.passed()).as(r.summary()).isFalse();
    assertThat(r.worstRelative()).isGreaterThan(1e-3);
    assertThat(r.summary()).contains("does NOT match");
  }

  @Test
  void droppingAnActivationFactorFails() {
    Derivation d = derive("tanh", "W", 2, LossKind.LAST);
    Expr right = forms.concreteSum(d);
    Expr wrong = Rewrite.bottomUp(right, x -> x instanceof Expr.Product p ? withoutLastDiag(p) : x);
    assertThat(wrong).isNotEqualTo(right);
    assertThat(check.check(d, wrong).passed()).isFalse();
  }

  private static Expr withoutLastDiag(Expr.Product p) {
    List<Expr> factors = new ArrayList<>(p.factors());
    for (int i = factors.size() - 1; i >= 0; i--) {
      if (factors.get(i) instanceof Expr.Diag) {
        factors.remove(i);
        return factors.size() == 1 ? factors.get(0) : new Expr.Product(factors, p.style());
      }
    }
    return p;
  }

  @Test
  void theResultIsDeterministic() {
    Derivation d = derive("tanh", "V", 1, LossKind.LAST);
    Map<String, Integer> tiny = Map.of("H", 1, "D", 1, "K", 2);
    CrossCheckResult first = check.check(d, forms.concreteSum(d), tiny, 1, 3L);
    assertThat(first.entries()).isEqualTo(2);
    assertThat(check.check(d, forms.concreteSum(d), tiny, 1, 3L)).isEqualTo(first);
  }

  @Test
  void aSumShapedUnlikeTheParameterIsRefused() {
    Derivation d = derive("tanh", "V", 1, LossKind.LAST);
    Expr vector = d.terms().get(0).end() instanceof dev.unroll.derive.Terminal.OtherInput o
        ? o.vector().label() : Expr.Symbol.param("V");
    assertThatThrownBy(() -> check.check(d, vector)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("V is a 2 x 2 matrix");
  }

  @Test
  void theChainNotationHasNoValue() {
    Derivation d = derive("tanh", "V", 1, LossKind.LAST);
    assertThatThrownBy(() -> check.check(d, forms.chainSum(d))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void summaryStatesWhatWasCompared() {
    Derivation d = derive("tanh", "V", 1, LossKind.LAST);
    CrossCheckResult r = check.check(d, forms.concreteSum(d), Map.of("H", 2, "D", 3, "K", 2), 2, 7L);
    assertThat(r.passed()).isTrue();
    assertThat(r.points()).isEqualTo(2);
    assertThat(r.comparisons()).isEqualTo(8);
    assertThat(r.summary()).contains("N = 1", "D = 3", "4 entries of V", "2 random rational points", "matches");
  }
}
