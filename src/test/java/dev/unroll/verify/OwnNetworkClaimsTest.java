package dev.unroll.verify;

import static dev.unroll.verify.FindingsAt.at;
import static dev.unroll.verify.FindingsAt.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.expr.Expr;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Kinds of claim judged in the document's own network: bounds on a Jacobian's norm across stages
 * ({@link NormBounds}), a Jacobian taken elementwise ({@link DiagonalJacobian}), a sum with one term too
 * many ({@link ExtraTerms}) and the conditions written beside a claim ({@link StageConditions}). Every
 * claim confirmed here has a twin the same judge rejects.
 */
class OwnNetworkClaimsTest {
  private static final String TANH = """
      # Bounds

      The layer is $h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)$ with $h_0 = 0$, read out as
      $\\hat{y}_t = \\operatorname{softmax}(W_{hy} h_t)$, and trained on $L = \\sum_{t=1}^{3} L_t$ with
      $L_t = -y_t^\\top \\log \\hat{y}_t$.

      $$\\left\\| \\frac{\\partial h_t}{\\partial h_k} \\right\\|_2 \\le BOUND$$
      """;

  private static final String SIGMOID = """
      # Bounds

      The layer is $h_t = \\sigma(W h_{t-1} + U x_t + b)$ with $h_0 = 0$, read out as $o_t = V h_t$, scored by
      $E = \\frac{1}{2} \\sum_{t=1}^{4} \\|o_t - y_t\\|^2$. Its slope obeys $|\\sigma'(z)| \\le \\gamma$.

      $$\\left\\| \\frac{\\partial h_t}{\\partial h_k} \\right\\| \\le BOUND$$
      """;

  private static final String MANY_TO_ONE = """
      # Classifying a sequence

      $$a_t = U x_t + W s_{t-1} + b, \\qquad s_t = \\phi(a_t)$$

      with $\\phi$ the logistic sigmoid, $T = 3$ steps and $s_0 = 0$; only the last state is classified:

      $$\\hat{y} = \\operatorname{softmax}(V s_T + c), \\qquad J = -\\sum_i y_i \\log \\hat{y}_i$$

      $$\\frac{\\partial J}{\\partial s_T} = V^\\top (\\hat{y} - y)$$

      $$\\frac{\\partial J}{\\partial s_t} = W^\\top \\left(\\phi'(a_{t+1}) \\odot \\frac{\\partial J}{\\partial s_{t+1}}\\right)EXTRA, \\qquad t < T$$
      """;

  private static Report verify(String text) {
    return new Verifier(Verifier.Options.inferred(), null).verify("d.md",
        new DocumentReader().parse("d.md", text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theSubmultiplicativeBoundIsConfirmedAndTheSpectralRadiusRefutedByACounterexample() {
    String right = TANH.replace("BOUND", "\\|W_{hh}\\|_2^{t-k}");
    int at = line(right, "\\le");
    Report r = verify(right);
    assertThat(at(r, at, Severity.NOTE)).anyMatch(f -> f.message().contains("confirmed: this bound holds"));
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);

    Report wrong = verify(TANH.replace("BOUND", "\\rho(W_{hh})^{t-k}"));
    assertThat(at(wrong, at, Severity.ERROR)).singleElement().satisfies(f -> {
      assertThat(f.message()).contains("this bound is false").contains("spectral radius");
      assertThat(f.correction()).hasValueSatisfying(c -> assertThat(c).contains("\\|W_{hh}\\|_2^{t-k}"));
    });
    // half the norm is too little while tanh's slope can be near one
    assertThat(at(verify(TANH.replace("BOUND", "\\left(\\frac{1}{2} \\|W_{hh}\\|_2\\right)^{t-k}")), at, Severity.ERROR))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("this bound is false"));
  }

  @Test
  void aConstantIsTheActivationsDerivativeBoundOnlyWhereTheDocumentSaysSo() {
    int at = line(SIGMOID, "\\le BOUND");
    Report right = verify(SIGMOID.replace("BOUND", "(\\gamma \\|W\\|)^{t-k}"));
    assertThat(at(right, at, Severity.NOTE)).anyMatch(f -> f.message().contains("confirmed: this bound holds")
        && f.message().contains("\\frac{1}{4}"));
    assertThat(right.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    // a symbol the document says nothing of: not judged either way
    Report unknown = verify(SIGMOID.replace("BOUND", "(\\beta \\|W\\|)^{t-k}"));
    assertThat(unknown.findings()).noneMatch(f -> f.line() == at && f.severity() != Severity.WARNING);
    // a sixth of the norm is below the sigmoid's slope at zero: a counterexample exists
    assertThat(at(verify(SIGMOID.replace("BOUND", "\\left(\\frac{1}{6} \\|W\\|\\right)^{t-k}")), at, Severity.ERROR))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("this bound is false"));
  }

  @Test
  void aManyToOneNetworksStateGradientHasNoOutputTermBeforeTheLastStep() {
    String right = MANY_TO_ONE.replace("EXTRA", "");
    Report r = verify(right);
    int claim = line(right, "\\frac{\\partial J}{\\partial s_t} =");
    assertThat(at(r, claim, Severity.NOTE)).anyMatch(f -> f.message().startsWith("confirmed"));
    assertThat(at(r, line(right, "\\partial s_T}"), Severity.NOTE)).anyMatch(f -> f.message().startsWith("confirmed"));
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(r.exitCode()).isZero();

    Report wrong = verify(MANY_TO_ONE.replace("EXTRA", " + V^\\top (\\hat{y} - y)"));
    assertThat(at(wrong, claim, Severity.ERROR)).singleElement().satisfies(f -> {
      assertThat(f.message()).contains("extra term: V^{\\top}");
      assertThat(f.correction()).hasValueSatisfying(c -> assertThat(c).contains("W^{\\top} \\left(\\phi'")
          .doesNotContain("hat{y}"));
    });
  }

  private static final String SOFTMAX = """
      # Output layer

      The state is $h_t = \\tanh(W h_{t-1} + U x_t)$ from $h_0 = 0$, the scores $o_t = V h_t$ and
      $p_t = \\operatorname{softmax}(o_t)$, with $L = -\\sum_{t=1}^{3} y_t^\\top \\log p_t$.

      $$\\frac{\\partial p_t}{\\partial o_t} = JACOBIAN$$
      """;

  @Test
  void aSoftmaxJacobianTakenElementwiseIsSaidSoWithTheFullMatrix() {
    String right = SOFTMAX.replace("JACOBIAN", "\\operatorname{diag}(p_t) - p_t p_t^\\top");
    int at = line(right, "\\partial o_t");
    Report r = verify(right);
    assertThat(at(r, at, Severity.NOTE)).anyMatch(f -> f.message().startsWith("confirmed"));
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    Report wrong = verify(SOFTMAX.replace("JACOBIAN", "\\operatorname{diag}(p_t \\odot (1 - p_t))"));
    assertThat(at(wrong, at, Severity.ERROR)).singleElement().satisfies(f -> {
      assertThat(f.message()).contains("elementwise").contains("softmax");
      assertThat(f.correction()).hasValueSatisfying(c -> assertThat(c).contains("\\operatorname{diag}\\left(p_{t}\\right) - p_{t} p_{t}^{\\top}"));
    });
    // a diagonal that is not even the true diagonal is wrong, but not this mistake
    Report other = verify(SOFTMAX.replace("JACOBIAN", "\\operatorname{diag}(p_t)"));
    assertThat(at(other, at, Severity.ERROR)).singleElement().satisfies(f -> assertThat(f.message()).doesNotContain("elementwise"));
  }

  @Test
  void anActivationLetterIsTheFunctionTheTextNamesAndItsSlopeIsJudged() {
    String right = MANY_TO_ONE.replace("EXTRA", "") + "\n$$\\phi'(a_t) = s_t \\odot (1 - s_t)$$\n";
    int at = line(right, "\\phi'(a_t) =");
    assertThat(at(verify(right), at, Severity.NOTE)).anyMatch(f -> f.message().startsWith("confirmed"));
    // tanh's slope written for the sigmoid the text names
    String wrong = MANY_TO_ONE.replace("EXTRA", "") + "\n$$\\phi'(a_t) = 1 - s_t \\odot s_t$$\n";
    assertThat(at(verify(wrong), at, Severity.ERROR)).hasSize(1);
  }

  @Test
  void onlyTheDiagonalOfAFullJacobianIsTheElementwiseMistake() {
    RealMatrix full = MatrixUtils.createRealMatrix(new double[][] {{0.2, -0.1}, {-0.1, 0.3}});
    RealMatrix diagonal = MatrixUtils.createRealDiagonalMatrix(new double[] {0.2, 0.3});
    assertThat(DiagonalJacobian.isDiagonalOf(diagonal, full)).isTrue();
    // another diagonal, or a truth that is diagonal itself, is some other mistake
    assertThat(DiagonalJacobian.isDiagonalOf(MatrixUtils.createRealDiagonalMatrix(new double[] {0.2, 0.4}), full)).isFalse();
    assertThat(DiagonalJacobian.isDiagonalOf(diagonal, diagonal)).isFalse();
    assertThat(DiagonalJacobian.isDiagonalOf(full, full)).isFalse();
  }

  @Test
  void aConditionBesideAClaimLimitsItsStages() {
    Expr t = new Expr.Symbol("t", Optional.empty(), Expr.Role.PARAMETER);
    Expr last = new Expr.Symbol("T", Optional.empty(), Expr.Role.PARAMETER);
    assertThat(StageConditions.of(List.of(new Statement(List.of(t, last), 0, true, "<")), 4)).isEqualTo(Map.of("t", 3));
    assertThat(StageConditions.of(List.of(new Statement(List.of(t, new Expr.Num(2)), 0, true, "le")), 4))
        .isEqualTo(Map.of("t", 2));
    assertThat(StageConditions.of(List.of(new Statement(List.of(t, last), 0, true, "ge")), 4)).isEmpty();
  }

  @Test
  void aSumThatHoldsWithoutOneTermNamesThatTerm() {
    Expr a = new Expr.Symbol("a", Optional.empty(), Expr.Role.PARAMETER);
    Expr b = new Expr.Symbol("b", Optional.empty(), Expr.Role.PARAMETER);
    Optional<ExtraTerms.Dropped> d = ExtraTerms.of(Expr.sum(List.of(a, b)), x -> x.equals(a));
    assertThat(d).hasValueSatisfying(x -> assertThat(x.term()).isEqualTo(b));
    assertThat(ExtraTerms.of(Expr.sum(List.of(a, b)), x -> false)).isEmpty();
    assertThat(ExtraTerms.of(a, x -> true)).isEmpty();
  }
}
