package dev.unroll.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.List;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

/** The evaluator on hand-built concrete- and matrix-form expressions, each checked against the forward values. */
class ExprEvaluatorTest {
  private final Cases.Case c = Cases.of(21, 3, 2, 4, 3, "tanh", LossKind.LAST);
  private final Tape tape = new ForwardPass().run(c.graph(), c.params());
  private final ExprEvaluator ev = new ExprEvaluator(tape);

  private static Expr.Symbol state(String name, int offset) {
    return Expr.Symbol.at(name, Time.t(offset), Expr.Role.STATE);
  }

  private static final Expr W = Expr.Symbol.param("W");
  private static final Expr V = Expr.Symbol.param("V");

  private static Expr tr(Expr e) {
    return new Expr.Transpose(e);
  }

  private static Expr mul(Expr... factors) {
    return Expr.juxtapose(List.of(factors));
  }

  /** diag(1 - s_k^2): tanh's Jacobian as the lesson writes it. */
  private static Expr d(int k) {
    return new Expr.Diag(new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(state("s", k), 2)))));
  }

  /** delta_{t+1} = D_{t+1} V^T (o_{t+1} - y_{t+1}). */
  private static Expr delta() {
    Expr oMinusY = new Expr.Sum(List.of(state("o", 1), new Expr.Negate(Expr.Symbol.at("y", Time.t(1), Expr.Role.TARGET))));
    return mul(d(1), tr(V), oMinusY);
  }

  @Test
  void symbolsAreNodeColumnsAndParameterMatrices() {
    RealMatrix s = ev.evaluate(state("s", 0));
    assertThat(s.getColumnDimension()).isEqualTo(1);
    assertThat(s.getColumn(0)).containsExactly(tape.value("s", Time.t(0)).toArray());
    assertThat(ev.evaluate(W).getData()).isDeepEqualTo(tape.weight("W").getData());
  }

  @Test
  void aNumberInASumIsThatNumberTimesOnesAndPowersAreElementwise() {
    RealVector s = tape.value("s", Time.t(-1));
    RealMatrix oneMinus = ev.evaluate(new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(state("s", -1), 2)))));
    for (int i = 0; i < s.getDimension(); i++) {
      assertThat(oneMinus.getEntry(i, 0)).isEqualTo(1 - s.getEntry(i) * s.getEntry(i));
    }
    RealMatrix diag = ev.evaluate(d(-1));
    assertThat(diag.getEntry(1, 1)).isEqualTo(oneMinus.getEntry(1, 0));
    assertThat(diag.getEntry(0, 1)).isZero();
  }

  @Test
  void hadamardStepAndActivationsAreElementwise() {
    RealVector z = tape.value("z", Time.t(0));
    RealMatrix step = ev.evaluate(new Expr.Apply("step", List.of(Expr.Symbol.at("z", Time.t(0), Expr.Role.INTERMEDIATE))));
    RealMatrix tanh = ev.evaluate(new Expr.Apply("tanh", List.of(Expr.Symbol.at("z", Time.t(0), Expr.Role.INTERMEDIATE))));
    RealMatrix had = ev.evaluate(new Expr.Hadamard(state("s", 0), state("s", 0)));
    for (int i = 0; i < z.getDimension(); i++) {
      assertThat(step.getEntry(i, 0)).isEqualTo(z.getEntry(i) > 0 ? 1.0 : 0.0);
      assertThat(tanh.getEntry(i, 0)).isEqualTo(tape.value("s", Time.t(0)).getEntry(i));
      assertThat(had.getEntry(i, 0)).isEqualTo(Math.pow(tape.value("s", Time.t(0)).getEntry(i), 2));
    }
  }

  @Test
  void theMatrixFormOfBpttMathForThreeStagesIsTheBackwardPassGradient() {
    // delta_{t+1} s_t^T + D_t W^T delta_{t+1} s_{t-1}^T + D_{t-1} W^T D_t W^T delta_{t+1} s_{t-2}^T
    Expr sum = new Expr.Sum(List.of(
        mul(delta(), tr(state("s", 0))),
        mul(d(0), tr(W), delta(), tr(state("s", -1))),
        mul(d(-1), tr(W), d(0), tr(W), delta(), tr(state("s", -2)))));
    RealMatrix expected = new Backprop().run(c.graph(), c.params(), LossKind.LAST).gradients().get("W");
    assertThat(relative(ev.evaluate(sum), expected)).isLessThan(Source.EXACT);
  }

  @Test
  void theConcreteRowChainWithItsOuterProductIsTheSameTerm() {
    // Lesson notation, first term: r = (o - y)^T V D_{t+1}, a row; the weight term is r^T s_t^T.
    Expr oMinusY = new Expr.Sum(List.of(state("o", 1), new Expr.Negate(Expr.Symbol.at("y", Time.t(1), Expr.Role.TARGET))));
    Expr row = new Expr.Product(List.of(tr(oMinusY), V, d(1)), Expr.ProductStyle.CHAIN);
    RealMatrix concrete = ev.evaluate(mul(tr(row), tr(state("s", 0))));
    RealMatrix matrix = ev.evaluate(mul(delta(), tr(state("s", 0))));
    assertThat(relative(concrete, matrix)).isLessThan(Source.EXACT);
    assertThat(concrete.getRowDimension()).isEqualTo(3);
    assertThat(concrete.getColumnDimension()).isEqualTo(3);
  }

  @Test
  void whereTheProductStartsDoesNotChangeItsValue() {
    RealMatrix rightToLeft = ev.evaluate(mul(tr(W), W, state("s", 0)));
    RealMatrix byHand = tape.weight("W").transpose().multiply(tape.weight("W")).multiply(ev.evaluate(state("s", 0)));
    assertThat(relative(rightToLeft, byHand)).isLessThan(1e-15);
  }

  @Test
  void termsAreTheTopLevelTermsOfASum() {
    Expr a = state("s", 0);
    Expr sum = new Expr.Sum(List.of(a, new Expr.Sum(List.of(a, a)), a));
    assertThat(ExprEvaluator.terms(sum)).hasSize(3);
    assertThat(ExprEvaluator.terms(a)).containsExactly(a);
  }

  @Test
  void whatHasNoValueOrDoesNotFitIsRefusedWithASentence() {
    assertThatThrownBy(() -> ev.evaluate(new Expr.Partial(state("s", 0), state("z", 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partial derivative has no numeric value");
    assertThatThrownBy(() -> ev.evaluate(mul(V, state("x", 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit together: 4 x 3, 2 x 1");
    assertThatThrownBy(() -> ev.evaluate(new Expr.Sum(List.of(state("s", 0), state("o", 0)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot add 4 x 1 (term 2) to 3 x 1");
    assertThatThrownBy(() -> ev.evaluate(state("s", -7)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value s at t-7");
    assertThatThrownBy(() -> ev.evaluate(new Expr.Apply("swish", List.of(state("s", 0)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot evaluate the activation 'swish'");
  }

  private static double relative(RealMatrix a, RealMatrix b) {
    return a.subtract(b).getFrobeniusNorm() / Math.max(a.getFrobeniusNorm(), b.getFrobeniusNorm());
  }
}
