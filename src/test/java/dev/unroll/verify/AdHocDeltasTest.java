package dev.unroll.verify;

import static dev.unroll.verify.FindingsAt.at;
import static dev.unroll.verify.FindingsAt.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deltas named or numbered ad hoc, judged in the network the document's own equations define
 * ({@link AuthorNetwork}, {@link AdHocDeltas}, {@link AuthorClaims}). Each document here is written
 * twice, right and with one mistake, so every assertion that something is confirmed has a twin that
 * the same judge rejects.
 */
class AdHocDeltasTest {
  private static final String KARPATHY = """
      # min-char-rnn

      $$h_t = \\tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h), \\qquad y_t = W_{hy} h_t + b_y, \\qquad p_t = \\operatorname{softmax}(y_t)$$

      and $L = -\\sum_{t=1}^{3} \\log p_{t, c_t}$ with $\\mathbb{1}_{c_t}$ the one-hot target.

      $$\\frac{\\partial L}{\\partial y_t} = p_t - \\mathbb{1}_{c_t}$$

      $$\\delta^{raw}_t = (1 - h_t \\odot h_t) \\odot \\delta^h_t$$

      $$\\delta^h_t = W_{hy}^\\top \\frac{\\partial L}{\\partial y_t} + W_{hh}^\\top \\delta^{raw}_{t+1}$$

      with $\\delta^{raw}_4 = 0$.

      $$\\frac{\\partial L}{\\partial W_{xh}} = \\sum_{t=1}^{3} DELTA x_t^\\top$$

      $$\\frac{\\partial L}{\\partial h_0} = W_{hh}^\\top \\delta^{raw}_1$$
      """;

  private static Report verify(String name, String text) {
    return new Verifier(Verifier.Options.inferred(), null).verify(name,
        new DocumentReader().parse(name, text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void namedDeltasAreBoundToTheGradientTheyEqualAndUsedAsDefined() {
    String right = KARPATHY.replace("DELTA", "\\delta^{raw}_t");
    Report r = verify("k.md", right);
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(r.exitCode()).isZero();
    assertThat(at(r, line(right, "\\delta^{raw}_t = (1"), Severity.NOTE)).extracting(Finding::message)
        .anyMatch(m -> m.contains("the argument of tanh in h's equation"));
    assertThat(at(r, line(right, "\\delta^h_t = W"), Severity.NOTE)).extracting(Finding::message)
        .anyMatch(m -> m.contains("the gradient of L at h"));
    assertThat(at(r, line(right, "\\partial W_{xh}"), Severity.NOTE)).extracting(Finding::message)
        .anyMatch(m -> m.startsWith("confirmed") && m.contains("own network"));
    assertThat(at(r, line(right, "\\partial h_0"), Severity.NOTE)).isNotEmpty();

    String wrong = KARPATHY.replace("DELTA", "\\delta^h_t");
    Report w = verify("k.md", wrong);
    assertThat(w.exitCode()).isEqualTo(1);
    assertThat(w.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
      assertThat(f.line()).isEqualTo(line(wrong, "\\partial W_{xh}"));
      assertThat(f.message()).contains("wrong delta").contains("\\delta^h_{t}").contains("\\delta^raw_{t}");
      assertThat(f.correction()).hasValueSatisfying(c -> assertThat(c).contains("\\delta^raw_{t} x_{t}^{\\top}"));
    });
  }

  @Test
  void aDeltaDefinedWithATermMissingIsNotBoundAndWhatUsesItIsWrong() {
    String missing = KARPATHY.replace("DELTA", "\\delta^{raw}_t")
        .replace("\\frac{\\partial L}{\\partial y_t} + W_{hh}^\\top \\delta^{raw}_{t+1}", "\\frac{\\partial L}{\\partial y_t}");
    Report r = verify("k.md", missing);
    assertThat(at(r, line(missing, "\\delta^h_t = W"), Severity.NOTE)).extracting(Finding::message)
        .noneMatch(m -> m.startsWith("confirmed"));
    assertThat(at(r, line(missing, "\\partial W_{xh}"), Severity.ERROR)).isNotEmpty();
  }

  private static final String NUMBERED = """
      # one unit

      $$s_t = \\sigma(w x_t + u s_{t-1} + b), \\quad t = 1, 2, 3, \\qquad \\hat{y} = v s_3, \\qquad E = \\tfrac{1}{2} (\\hat{y} - y)^2$$

      Nodes: 1 is the pre-activation at step 1, 2 is $s_1$, and so on; $\\delta 1, \\dots, \\delta 6$ are the derivatives.

      $$\\delta 6 = v \\cdot (\\hat{y} - y)$$

      $$\\delta 5 = s_3 (1 - s_3) \\cdot \\delta 6$$

      $$\\delta 4 = u \\cdot \\delta 5$$

      $$\\delta 3 = s_2 (1 - s_2) \\cdot \\delta 4$$

      $$\\delta 2 = u \\cdot \\delta 3$$

      $$\\delta 1 = s_1 (1 - s_1) \\cdot \\delta 2$$

      $$\\frac{\\partial E}{\\partial u} = \\delta 5 \\cdot s_2 + DELTA \\cdot s_1 + \\delta 1 \\cdot s_0$$
      """;

  @Test
  void numberedDeltasAreNodesAndTheWrongNumberIsNamed() {
    String right = NUMBERED.replace("DELTA", "\\delta 3");
    Report r = verify("n.md", right);
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(r.exitCode()).isZero();
    assertThat(at(r, line(right, "\\delta 4 = u"), Severity.NOTE)).extracting(Finding::message)
        .anyMatch(m -> m.contains("the gradient of E at s at stage 2"));
    String wrong = NUMBERED.replace("DELTA", "\\delta 2");
    Report w = verify("n.md", wrong);
    assertThat(w.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
      assertThat(f.line()).isEqualTo(line(wrong, "\\partial u"));
      assertThat(f.message()).contains("wrong delta: \\delta_{2} is written where \\delta_{3} belongs");
    });
  }

  private static final String COMPONENTS = """
      # entries

      $$h_t = \\tanh(W h_{t-1} + U x_t), \\qquad o_t = V h_t, \\qquad \\hat{y}_t = \\operatorname{softmax}(o_t)$$

      with $h_0 = 0$, $E = \\sum_{t=1}^{3} E_t$ and $E_t = -\\sum_k y_{t,k} \\log \\hat{y}_{t,k}$ for one-hot $y_t$.

      $$\\delta_{t,i} = \\left(1 - h_{t,i}^2\\right) \\left(\\sum_{k} V_{ki} (\\hat{y}_{t,k} - y_{t,k}) + \\sum_{k} W_{ki} \\, \\delta_{t+1,k}\\right)$$

      with $\\delta_{4,k} = 0$.

      $$\\frac{\\partial E}{\\partial LEFT_{ij}} = \\sum_{t=1}^{3} \\delta_{t,i} \\, h_{t-1,j}$$
      """;

  @Test
  void componentFormsAreEvaluatedEntryByEntryAndAMislabelledLeftSideIsNamed() {
    String right = COMPONENTS.replace("LEFT", "W");
    Report r = verify("c.md", right);
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(at(r, line(right, "\\partial W_{ij}"), Severity.NOTE)).extracting(Finding::message)
        .anyMatch(m -> m.contains("at 9 readings"));
    String wrong = COMPONENTS.replace("LEFT", "U");
    Report w = verify("c.md", wrong);
    assertThat(w.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
      assertThat(f.line()).isEqualTo(line(wrong, "\\partial U_{ij}"));
      assertThat(f.message()).contains("left side").contains("W_{ij}");
    });
  }

  @Test
  void aDocumentWithoutALossOfItsOwnIsLeftToTheOtherJudges() {
    String text = "$$h_t = \\tanh(W h_{t-1} + U x_t)$$\n\n$$\\delta_t = W^\\top \\delta_{t+1}$$\n";
    Report r = verify("x.md", text);
    assertThat(r.findings()).noneMatch(f -> f.message().contains("own network") || f.message().contains("as defined here"));
  }

  private static final String KERAS = """
      # rows

      $$h_t = \\sigma\\left(x_t W_x + h_{t-1} W_h + b\\right)$$

      $$\\hat{y}_t = \\operatorname{softmax}\\left(h_t W_y + c\\right)$$

      for $t = 1, 2, 3$ and $h_0 = 0$, $\\mathcal{L} = -\\sum_{t} y_t \\log \\hat{y}_t^\\top$, $e_t = \\hat{y}_t - y_t$ and
      $g_t = \\partial \\mathcal{L} / \\partial h_t$:

      $$r_t = g_t \\odot h_t \\odot (1 - h_t)$$

      $$g_t = e_t W_y^\\top + r_{t+1} RECURRENT$$

      with $r_4 = 0$, and $$\\frac{\\partial \\mathcal{L}}{\\partial W_h} = \\sum_{t=1}^{3} h_{t-1}^\\top r_t$$
      """;

  @Test
  void aGradientNamedWithoutADeltaIsOneAndItsRecursionIsJudged() {
    String right = KERAS.replace("RECURRENT", "W_h^\\top");
    Report r = verify("r.md", right);
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(at(r, line(right, "g_t = e_t"), Severity.NOTE)).extracting(Finding::message)
        .anyMatch(m -> m.startsWith("confirmed") && m.contains("own network"));
    assertThat(at(r, line(right, "r_t = g_t"), Severity.NOTE)).extracting(Finding::message)
        .anyMatch(m -> m.contains("the argument of sigma in h's equation"));
    String wrong = KERAS.replace("RECURRENT", "W_h");
    Report w = verify("r.md", wrong);
    // Every error stands on the recursion's line, and one of them names the missing transpose (the
    // engine's judge and this one word it differently; the engine's is kept when both say why).
    List<Finding> errors = w.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    assertThat(errors).isNotEmpty().allSatisfy(f -> assertThat(f.line()).isEqualTo(line(wrong, "g_t = e_t")));
    assertThat(errors).extracting(Finding::message).anyMatch(m -> m.contains("transpose") && m.contains("W_{h}"));
  }

  @Test
  void aMatrixPowerOneStepOffIsNamed() {
    String doc = """
        $$h_t = W_h h_{t-1} + W_x x_t, \\qquad \\hat{y}_t = W_y h_t$$

        over $t = 1, 2, 3, 4$ from $h_0 = 0$, $J = \\sum_{t=1}^{4} J_t$ and $J_t = \\tfrac{1}{2} \\lVert \\hat{y}_t - y_t \\rVert^2$.

        $$\\frac{\\partial J_4}{\\partial h_1} = \\left(W_h^\\top\\right)^{POWER} W_y^\\top (\\hat{y}_4 - y_4)$$
        """;
    assertThat(verify("p.md", doc.replace("POWER", "3")).exitCode()).isZero();
    Report w = verify("p.md", doc.replace("POWER", "2"));
    assertThat(w.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement()
        .extracting(Finding::message).asString().contains("power: the exponent 2 should be 3");
  }
}
