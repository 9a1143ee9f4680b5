package dev.unroll.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.CellParser;
import dev.unroll.expr.Expr;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gated cells differentiate with the existing walk, and their expanded sums grow exponentially
 * in N: counted here by hand for small N and by the adjoints, which count without expanding.
 */
class GatedDerivationTest {
  private static final CellLibrary CELLS = new CellLibrary();
  private final Adjoints adjoints = new Adjoints(new TextbookCalculus());

  private static Derivation derive(String cell, int steps, String wrt, LossKind loss) {
    return new Differentiator().derive(new Unroller().unroll(CELLS.load(cell), steps), wrt, loss);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void theGruCandidateWeightHasFiveToTheKTermsReachingBackKStages(int steps) {
    // h_{k-1} reaches h_k by five routes: kept by (1 - z_k), through z_k twice (in 1 - z_k and in
    // z_k (.) n_k), through r_k into the candidate, and through r_k (.) h_{k-1} directly. Uh enters
    // once per stage, so the sum has 1 + 5 + ... + 5^(N-1) = (5^N - 1)/4 terms.
    long expected = (pow(5, steps) - 1) / 4;
    assertThat(derive("gru", steps, "Uh", LossKind.LAST).terms()).hasSize((int) expected);
    // Wz enters twice per stage, once in each of the update's two products.
    assertThat(derive("gru", steps, "Wz", LossKind.LAST).terms()).hasSize((int) (2 * expected));
  }

  @Test
  void theLstmForgetWeightTermsForTwoStages() {
    // N = 1: E -> q -> h -> c -> f -> Wf, one path. N = 2 adds the paths to f_t: c_t reaches c_{t+1}
    // through f_{t+1} (1 path on to the loss), and h_t, which reaches c_{t+1} through i, f and g and
    // h_{t+1} through o (4 paths): 1 + 5 = 6.
    assertThat(derive("lstm", 1, "Wf", LossKind.LAST).terms()).hasSize(1);
    assertThat(derive("lstm", 2, "Wf", LossKind.LAST).terms()).hasSize(6);
    assertThat(derive("lstm", 2, "Wf", LossKind.TOTAL).terms()).hasSize(7);
  }

  static Stream<Arguments> counts() {
    return Stream.of("lstm", "gru").flatMap(cell -> Stream.of(1, 3, 5).flatMap(n -> Stream.of(LossKind.values())
        .map(loss -> Arguments.of(cell, n, loss))));
  }

  @ParameterizedTest(name = "{0} N={1} {2}")
  @MethodSource("counts")
  void theAdjointsCountTheExpandedTermsOfEveryParameter(String cell, int steps, LossKind loss) {
    UnrolledGraph g = new Unroller().unroll(CELLS.load(cell), steps);
    AdjointSystem s = adjoints.derive(g, loss);
    for (String p : g.params().keySet().stream().sorted().toList()) {
      assertThat(s.pathCount(p)).as(p).isEqualTo(java.math.BigInteger.valueOf(new Differentiator().derive(g, p, loss).terms().size()));
    }
  }

  @Test
  void theAdjointsStayLinearWhereTheExpandedSumExplodes() {
    UnrolledGraph g = new Unroller().unroll(CELLS.load("lstm"), 30);
    AdjointSystem s = adjoints.derive(g, LossKind.TOTAL);
    // q, h, c, g, o, f, i at each stage, and the two initial states.
    assertThat(s.adjoints()).hasSize(7 * 30 + 2);
    assertThat(s.pathCount("Wf")).isGreaterThan(java.math.BigInteger.TEN.pow(15));
    assertThat(s.uses("Wf")).hasSize(30);
  }

  @Test
  void theGatesEndAndPassAsTheWalkKnowsThem() {
    Derivation bias = derive("lstm", 2, "bo", LossKind.LAST);
    assertThat(bias.terms()).allMatch(t -> t.end() instanceof Terminal.Direct);
    Derivation update = derive("gru", 2, "Uz", LossKind.LAST);
    assertThat(update.terms()).anyMatch(t -> t.factors().stream().anyMatch(f -> f instanceof Factor.Negative));
    assertThat(update.terms()).allMatch(t -> t.factors().stream().anyMatch(f -> f instanceof Factor.Elementwise));
  }

  @Test
  void theGruWithItsCandidateWrittenInlineHasTheSameTermsAndAdjoints() {
    // The form: h_t = (1 - z_t) (.) h_{t-1} + z_t (.) tanh(W_h x_t + U_h (r_t (.) h_{t-1}) + b_h).
    String text = """
        cell gruinline
        input x : D
        state h : H
        target y : K
        param Wz : H x D
        param Uz : H x H
        param bz : H
        param Wr : H x D
        param Ur : H x H
        param br : H
        param Wh : H x D
        param Uh : H x H
        param bh : H
        param V : K x H
        loss E
        z_t = sigmoid(Wz x_t + Uz h_{t-1} + bz)
        r_t = sigmoid(Wr x_t + Ur h_{t-1} + br)
        h_t = (1 - z_t) (.) h_{t-1} + z_t (.) tanh(Wh x_t + Uh (r_t (.) h_{t-1}) + bh)
        q_t = V h_t
        o_t = softmax(q_t)
        E_t = crossentropy(o_t, y_t)
        """;
    CellDefinition inline = new CellParser(CellLibrary.builtInActivations()).parse("gruinline.cell", text);
    UnrolledGraph g = new Unroller().unroll(inline, 3);
    for (String p : List.of("Wz", "Uh", "br")) {
      Derivation d = new Differentiator().derive(g, p, LossKind.TOTAL);
      assertThat(d.terms()).hasSize(derive("gru", 3, p, LossKind.TOTAL).terms().size());
      AdjointSystem s = adjoints.derive(g, LossKind.TOTAL);
      Forms forms = new Forms(new TextbookCalculus());
      assertThat(adjoints.expand(s, p)).containsExactlyInAnyOrderElementsOf(d.terms().stream().map(forms::matrix).toList());
    }
    // Without a named candidate, its tanh is an unnamed gate between h and the reset gate.
    assertThat(g.nodes()).anyMatch(n -> n.op() == Op.ACTIVATION && n.name().isEmpty()
        && n.function().equals("tanh") && !(n.label() instanceof Expr.Symbol));
  }

  private static long pow(long b, int e) {
    long r = 1;
    for (int i = 0; i < e; i++) {
      r *= b;
    }
    return r;
  }
}
