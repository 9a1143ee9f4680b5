package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A function the document defines for itself ({@code \text{prod}(a, b) = a b^\top}, as lecture code
 * names an outer product) is expanded where it is used, so the claim written with it is judged as
 * what it stands for: the right outer product is confirmed, the swapped one is not.
 */
class DocumentFunctionsTest {
  private static final String DOC = "With $z_t = U x_t + W s_{t-1}$, $s_t = \\tanh(z_t)$, $q_t = V s_t$ and"
      + " $o_t = \\operatorname{softmax}(q_t)$, write $\\text{prod}(a, b) = a b^\\top$. Then\n\n"
      + "$$\\frac{\\partial E_{t+1}}{\\partial V} = \\text{prod}(ARGS)$$\n";

  private static Report verify(String args) {
    String text = DOC.replace("ARGS", args);
    return new Verifier(Verifier.Options.inferred(), null).verify("f.md",
        new DocumentReader().parse("f.md", text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aDefinedOuterProductIsJudgedAsWhatItStandsFor() {
    Report right = verify("o_{t+1} - y_{t+1}, s_{t+1}");
    assertThat(right.exitCode()).isZero();
    assertThat(right.findings()).anyMatch(f -> f.line() == 3 && f.severity() == Severity.NOTE);

    Report swapped = verify("s_{t+1}, o_{t+1} - y_{t+1}");
    assertThat(swapped.exitCode()).isNotZero();
    assertThat(swapped.findings()).noneMatch(f -> f.line() == 3 && f.severity() == Severity.NOTE);
  }

  @Test
  void withoutItsDefinitionTheNameIsNotExpanded() {
    String text = DOC.replace("write $\\text{prod}(a, b) = a b^\\top$. ", "").replace("ARGS", "o_{t+1} - y_{t+1}, s_{t+1}");
    Report r = new Verifier(Verifier.Options.inferred(), null).verify("g.md",
        new DocumentReader().parse("g.md", text.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.exitCode()).isNotZero();
  }
}
