package dev.unroll.verify;

import static dev.unroll.verify.FindingsAt.at;
import static dev.unroll.verify.FindingsAt.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Lecture notes as courses write them: the network only in the running text, biases numbered by layer
 * ({@code b_1}, {@code b_2}), the loss written as a function of the parameters ({@code J^{(t)}(\theta)}),
 * a scalar's gradient as a row ({@code (\hat y - y)^\top U}); and a one-unit network whose horizon
 * {@code T} is left open. Each confirmed claim has a twin that is found wrong, with its slip named.
 */
class LectureNotesTest {
  private static final String NOTES = """
      # Vanishing gradients

      Recall the RNN: $h^{(t)} = \\sigma\\left(W_h h^{(t-1)} + W_x x^{(t)} + b_1\\right)$ and
      $\\hat{y}^{(t)} = \\operatorname{softmax}\\left(U h^{(t)} + b_2\\right)$, with
      $J^{(t)}(\\theta) = -\\sum_{w} y^{(t)}_w \\log \\hat{y}^{(t)}_w$ for $t = 1, \\dots, T$, $T = 4$, and
      $J(\\theta) = \\sum_{t=1}^{T} J^{(t)}(\\theta)$.

      $$\\frac{\\partial h^{(t)}}{\\partial h^{(t-1)}} = \\operatorname{diag}\\left(\\sigma'\\left(W_h STATE + W_x x^{(t)} + b_1\\right)\\right) W_h$$

      """;

  private static final String ROW_NOTES = """
      # Vanishing gradients

      Recall the RNN: $h^{(t)} = \\sigma\\left(W_h h^{(t-1)} + W_x x^{(t)} + b_1\\right)$ and
      $\\hat{y}^{(t)} = \\operatorname{softmax}\\left(U h^{(t)} + b_2\\right)$, with
      $J^{(t)}(\\theta) = -\\sum_{w} y^{(t)}_w \\log \\hat{y}^{(t)}_w$.

      The output layer gives

      $$\\frac{\\partial J^{(t)}}{\\partial h^{(t)}} = ROW$$
      """;

  private static final String ONE_UNIT = """
      # One unit

      $$h_t = \\sigma(w\\, h_{t-1} + u\\, x_t), \\qquad h_0 = 0,$$

      a prediction $\\hat{y} = v\\, h_T$ and the loss $L = \\frac{1}{2}(\\hat{y} - y)^2$.

      $$\\frac{\\partial h_t}{\\partial h_{t-1}} = w\\, DERIVATIVE$$

      $$\\frac{\\partial L}{\\partial w} = \\sum_{k=1}^{T} (\\hat{y} - y)\\, v \\left( \\prod_{j=FROM}^{T} w\\, h_j (1 - h_j) \\right) h_k (1 - h_k)\\, h_{k-1}$$
      """;

  private static Report verify(String text) {
    return new Verifier(Verifier.Options.inferred(), null).verify("d.md",
        new DocumentReader().parse("d.md", text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aNetworkInTheRunningTextWithNumberedBiasesIsJudgedInTheAuthorsLayout() {
    String right = NOTES.replace("STATE", "h^{(t-1)}");
    Report r = verify(right);
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(at(r, line(right, "\\operatorname{diag}"), Severity.NOTE)).anyMatch(f -> f.message().startsWith("confirmed"));
    String wrongStage = NOTES.replace("STATE", "h^{(t)}");
    assertThat(at(verify(wrongStage), line(wrongStage, "\\operatorname{diag}"), Severity.ERROR)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("wrong stage: h_{t} is written where h_{t-1} belongs"));

    String row = ROW_NOTES.replace("ROW", "\\left(\\hat{y}^{(t)} - y^{(t)}\\right)^\\top U");
    Report rows = verify(row);
    assertThat(rows.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(at(rows, line(row, "\\partial J^{(t)}}{\\partial h^{(t)}}"), Severity.NOTE))
        .anyMatch(f -> f.message().startsWith("confirmed"));
    String wrongWeight = ROW_NOTES.replace("ROW", "\\left(\\hat{y}^{(t)} - y^{(t)}\\right)^\\top U W_h");
    assertThat(at(verify(wrongWeight), line(wrongWeight, "\\partial J^{(t)}}{\\partial h^{(t)}}"), Severity.NOTE))
        .noneMatch(f -> f.message().startsWith("confirmed"));
  }

  @Test
  void aOneUnitNetworkWithAnOpenHorizonIsJudgedAtFourStagesAndItsSlipsNamed() {
    String right = ONE_UNIT.replace("DERIVATIVE", "h_t (1 - h_t)").replace("FROM", "k+1");
    Report r = verify(right);
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(at(r, line(right, "\\partial L}{\\partial w}"), Severity.NOTE))
        .anyMatch(f -> f.message().contains("confirmed") && f.message().contains("with T = 4 (the document leaves T open)"));

    String tanhs = ONE_UNIT.replace("DERIVATIVE", "(1 - h_t^2)").replace("FROM", "k+1");
    assertThat(at(verify(tanhs), line(tanhs, "\\partial h_{t-1}"), Severity.ERROR)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("wrong factor").contains("derivative of tanh")
            .doesNotContain("matrix"));
    String offByOne = ONE_UNIT.replace("DERIVATIVE", "h_t (1 - h_t)").replace("FROM", "k");
    assertThat(at(verify(offByOne), line(offByOne, "\\partial L}{\\partial w}"), Severity.ERROR)).singleElement()
        .satisfies(f -> {
          assertThat(f.message()).contains("off by one: the product's lower limit j = k should be j = k + 1");
          assertThat(f.correction()).hasValueSatisfying(c -> assertThat(c).contains("\\left(\\prod_{j=k + 1}^{T}"));
        });
  }
}
