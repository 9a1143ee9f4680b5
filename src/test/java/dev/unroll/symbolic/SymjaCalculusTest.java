package dev.unroll.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.cell.Activation;
import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SymjaCalculusTest {
  private static final Expr S = Expr.Symbol.at("s", Time.t(1), Expr.Role.STATE);
  private static final Expr Z = Expr.Symbol.at("z", Time.t(1), Expr.Role.INTERMEDIATE);
  private static final Expr ONE = new Expr.Num(1);

  private final SymjaCalculus calculus = new SymjaCalculus(activations());

  private static Map<String, Activation> activations() {
    Map<String, Activation> all = new TreeMap<>(CellLibrary.builtInActivations());
    all.put("softsign", new Activation("softsign", "z", "z/(1+Abs(z))"));
    all.put("cubic", new Activation("cubic", "z", "z^3/3 + z"));
    all.put("scaledtanh", new Activation("scaledtanh", "x", "2*Tanh(x)"));
    all.put("leaky", new Activation("leaky", "z", "Max(z/10, z)"));
    return all;
  }

  @Test
  void tanhIsOneMinusTheOutputSquared() {
    assertThat(calculus.activationDerivative("tanh", S, Z))
        .isEqualTo(new Expr.Sum(List.of(ONE, new Expr.Negate(new Expr.Power(S, 2)))));
    ActivationDerivative d = calculus.derivative("tanh");
    assertThat(d.form()).isEqualTo(ActivationDerivative.Form.OUTPUT_POLYNOMIAL);
    assertThat(d.derivative()).isEqualTo("Sech[z]^2");
  }

  @Test
  void sigmoidIsTheOutputTimesOneMinusIt() {
    assertThat(calculus.activationDerivative("sigmoid", S, Z))
        .isEqualTo(new Expr.Hadamard(S, new Expr.Sum(List.of(ONE, new Expr.Negate(S)))));
    assertThat(calculus.derivative("sigmoid").form()).isEqualTo(ActivationDerivative.Form.OUTPUT_POLYNOMIAL);
  }

  @Test
  void identityIsOne() {
    assertThat(calculus.activationDerivative("identity", S, Z)).isEqualTo(ONE);
  }

  @Test
  void reluIsAStepOfTheOutput() {
    assertThat(calculus.activationDerivative("relu", S, Z)).isEqualTo(new Expr.Apply("step", List.of(S)));
    assertThat(calculus.derivative("relu").form()).isEqualTo(ActivationDerivative.Form.OUTPUT_STEP);
  }

  @Test
  void aLeakyReluIsAShiftedStep() {
    Expr tenth = new Expr.Power(new Expr.Num(10), -1);
    Expr nineTenths = new Expr.Hadamard(new Expr.Num(9), tenth);
    assertThat(calculus.activationDerivative("leaky", S, Z)).isEqualTo(
        new Expr.Sum(List.of(tenth, new Expr.Hadamard(nineTenths, new Expr.Apply("step", List.of(S))))));
  }

  @Test
  void aUserPolynomialWithAnotherArgumentNameIsRewrittenInItsOutput() {
    // 2 tanh(x) has derivative 2 sech^2 x = 2 - u^2/2 with u = 2 tanh x.
    Expr half = new Expr.Power(new Expr.Num(2), -1);
    assertThat(calculus.activationDerivative("scaledtanh", S, Z)).isEqualTo(new Expr.Sum(List.of(
        new Expr.Num(2), new Expr.Negate(new Expr.Hadamard(half, new Expr.Power(S, 2))))));
  }

  @Test
  void aUserActivationWithNoOutputFormIsWrittenInItsInput() {
    assertThat(calculus.activationDerivative("cubic", S, Z))
        .isEqualTo(new Expr.Sum(List.of(ONE, new Expr.Power(Z, 2))));
    assertThat(calculus.derivative("cubic").form()).isEqualTo(ActivationDerivative.Form.INPUT);
  }

  @Test
  void softsignFallsBackToItsInput() {
    ActivationDerivative d = calculus.derivative("softsign");
    assertThat(d.form()).isEqualTo(ActivationDerivative.Form.INPUT);
    assertThat(d.at(S, Z).toString()).contains("z").doesNotContain("Derivative");
  }

  @Test
  void softmaxWithCrossEntropyIsOMinusY() {
    Expr o = Expr.Symbol.at("o", Time.t(1), Expr.Role.INTERMEDIATE);
    Expr y = Expr.Symbol.at("y", Time.t(1), Expr.Role.TARGET);
    assertThat(calculus.softmaxCrossEntropyGradient(o, y)).isEqualTo(new Expr.Sum(List.of(o, new Expr.Negate(y))));
    assertThat(calculus.softmaxProof().steps()).hasSize(3);
  }

  @Test
  void resultsAreMemoised() {
    assertThat(calculus.derivative("tanh")).isSameAs(calculus.derivative("tanh"));
  }

  @Test
  void anUnknownActivationIsRefusedByName() {
    assertThatThrownBy(() -> calculus.activationDerivative("swish", S, Z))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("swish");
  }

  @Test
  void theSessionRefusesOtherThreads() throws Exception {
    Throwable[] seen = new Throwable[1];
    Thread other = new Thread(() -> {
      try {
        calculus.session().eval("1+1");
      } catch (Throwable t) {
        seen[0] = t;
      }
    });
    other.start();
    other.join();
    assertThat(seen[0]).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void definitionsWithCallParenthesesBecomeStrictSyntax() {
    assertThat(SymjaSession.strictCalls("z/(1+Abs(z))")).isEqualTo("z/(1+Abs[z])");
    assertThat(SymjaSession.strictCalls("Max(0, z(1+z))")).isEqualTo("Max[0, z(1+z)]");
  }
}
