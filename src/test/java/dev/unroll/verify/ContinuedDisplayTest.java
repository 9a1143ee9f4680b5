package dev.unroll.verify;

import static dev.unroll.verify.FindingsAt.at;
import static dev.unroll.verify.FindingsAt.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A display that starts with {@code =} continues the display before it only when that one ends in an
 * equation; anything else stays unreadable and says so. (The corpus's blog-continued-displays documents
 * hold the judging itself to their truth scripts.)
 */
class ContinuedDisplayTest {
  private static final String NETWORK = """
      The network: $h_t = \\tanh(W h_{t-1} + U x_t)$, $o_t = V h_t$, $\\hat y_t = \\operatorname{softmax}(o_t)$,
      for $t = 1, 2, 3$, with $L = \\sum_{t=1}^{3} L_t$ and $L_t = -y_t^\\top \\log \\hat y_t$.

      """;

  private static Report verify(String text) {
    return new Verifier(Verifier.Options.inferred(), null).verify("d.md",
        new DocumentReader().parse("d.md", text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aContinuationTakesTheLeftSideOfTheDisplayBeforeIt() {
    String text = NETWORK + """
        $$\\frac{\\partial L}{\\partial V} = \\sum_{t=1}^{3} \\frac{\\partial L_t}{\\partial o_t} h_t^\\top$$

        &nbsp;

        $$ = \\sum_{t=1}^{3} (\\hat y_t - y_t) h_{t-1}^\\top$$
        """;
    Report r = verify(text);
    assertThat(at(r, line(text, "h_{t-1}^\\top$$"), Severity.ERROR)).singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("this is not \\frac{\\partial L}{\\partial V}").contains("wrong stage"));
    assertThat(at(r, line(text, "\\frac{\\partial L_t}{\\partial o_t}"), Severity.NOTE)).anySatisfy(
        f -> assertThat(f.message()).startsWith("confirmed: \\frac{\\partial L}{\\partial V}"));
  }

  @Test
  void withoutAnEquationBeforeItAContinuationIsNotRead() {
    String first = NETWORK + "$$= \\sum_{t=1}^{3} (\\hat y_t - y_t) h_t^\\top$$\n";
    String afterAnInequality = NETWORK + "$$\\|W\\| \\le 1$$\n\n$$= \\sum_{t=1}^{3} (\\hat y_t - y_t) h_t^\\top$$\n";
    String inline = NETWORK + "$$\\frac{\\partial L}{\\partial V} = 0$$ and so $= \\sum_{t=1}^{3} (\\hat y_t - y_t) h_t^\\top$.\n";
    for (String text : new String[] {first, afterAnInequality}) {
      assertThat(at(verify(text), line(text, "$$= \\sum"), Severity.WARNING)).singleElement()
          .satisfies(f -> assertThat(f.message()).startsWith("could not read this formula"));
    }
    // Inline mathematics that starts with = is a fragment of a sentence, not a continued display.
    Report r = verify(inline);
    assertThat(at(r, line(inline, "and so"), Severity.ERROR)).isEmpty();
    assertThat(at(r, line(inline, "and so"), Severity.WARNING))
        .anySatisfy(f -> assertThat(f.message()).startsWith("could not read this formula: unexpected '='"));
  }
}
