package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reading forms of issue 11 that need more than one token to decide: the precedence of the
 * elementwise products, a gate's label in a superscript, a document's superscript times, a sum written
 * term by term, and gate arguments a document names in its text.
 */
class ReadingFormsTest {
  private static Expr.Symbol at(String name, int offset) {
    return new Expr.Symbol(name, Optional.of(Time.t(offset)), Expr.Role.INTERMEDIATE);
  }

  private static Expr.Symbol param(String name) {
    return new Expr.Symbol(name, Optional.empty(), Expr.Role.PARAMETER);
  }

  private static Expr jux(Expr... f) {
    return new Expr.Product(List.of(f), Expr.ProductStyle.JUXTAPOSE);
  }

  private static Expr one(String tex) {
    List<Statement> s = new TexParser().parse(tex).statements();
    assertThat(s).hasSize(1);
    return s.get(0).sides().get(s.get(0).sides().size() - 1);
  }

  @Test
  void anElementwiseProductBindsLooserThanAJuxtaposedMatrixProduct() {
    Expr residual = Expr.sum(List.of(at("y", 0), new Expr.Negate(at("p", 0))));
    Expr derivative = Expr.sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(at("s", 0), 2))));
    // (1 - s^2) \odot V^T (y - p) is (1 - s^2) \odot (V^T (y - p)), never ((1 - s^2) \odot V^T)(y - p)
    assertThat(one("(1 - s_t^2) \\odot V^\\top (y_t - p_t)"))
        .isEqualTo(new Expr.Hadamard(derivative, jux(new Expr.Transpose(param("V")), residual)));
    assertThat(one("W^\\top \\delta_{t+1} \\circ f_t"))
        .isEqualTo(new Expr.Hadamard(jux(new Expr.Transpose(param("W")), at("\\delta", 1)), at("f", 0)));
    // \cdot is a matrix product like juxtaposition: it binds tighter than \odot too
    Expr chain = one("a_t \\odot W \\cdot h_t");
    assertThat(chain).isInstanceOf(Expr.Hadamard.class);
    assertThat(((Expr.Hadamard) chain).right()).isInstanceOf(Expr.Product.class);
    // \otimes is loosest: (a \odot b) \otimes x
    assertThat(one("a_t \\odot b_t \\otimes x_t")).isEqualTo(new Expr.Apply("otimes",
        List.of(new Expr.Hadamard(at("a", 0), at("b", 0)), at("x", 0))));
    // left to right among elementwise products
    assertThat(one("a_t \\odot b_t \\odot c_t")).isEqualTo(new Expr.Hadamard(new Expr.Hadamard(at("a", 0), at("b", 0)), at("c", 0)));
  }

  @Test
  void aSumsBodyIsTheWholeElementwiseProduct() {
    Expr s = one("\\sum_{k=1}^{3} a_k \\odot b_k");
    assertThat(s).isInstanceOf(Expr.Apply.class);
    assertThat(((Expr.Apply) s).arguments().get(2)).isInstanceOf(Expr.Hadamard.class);
  }

  @Test
  void aLetterSuperscriptBeforeOrAfterATimeLabelsTheValue() {
    assertThat(one("a^i_t")).isEqualTo(at("a^i", 0));
    assertThat(one("a^f_{t-1}")).isEqualTo(at("a^f", -1));
    assertThat(one("z_t^o")).isEqualTo(at("z^o", 0));
    assertThat(one("\\delta^h_t")).isEqualTo(at("\\delta^h", 0));
    // a superscript t is still the time, a subscript then a unit's index; a bare h^k is the time k
    assertThat(one("h^t_i")).isEqualTo(at("h", 0));
    assertThat(one("h^k")).isEqualTo(new Expr.Symbol("h", Optional.of(new Time("k", 0)), Expr.Role.INTERMEDIATE));
    // numbers and transposes keep their meaning
    assertThat(one("s_t^2")).isEqualTo(new Expr.Power(at("s", 0), 2));
    assertThat(one("h_t^T")).isEqualTo(new Expr.Transpose(at("h", 0)));
  }

  private static Expr side(SuperscriptTimes times, String tex) {
    return times.apply(new TexParser().parse(tex)).statements().get(0).sides().get(0);
  }

  @Test
  void aDocumentThatWritesTimeAsASuperscriptNumbersItsStagesThere() {
    SuperscriptTimes times = new SuperscriptTimes(List.of("h^t = \\tanh(W h^{t-1} + U x^t)", "C^t = -\\log p^t"));
    assertThat(side(times, "h^3")).isEqualTo(param("h_3"));
    assertThat(side(times, "(h^2)^\\top")).isEqualTo(new Expr.Transpose(param("h_2")));
    assertThat(side(times, "C^t")).as("a capital the text defines at a time").isEqualTo(at("C", 0));
    assertThat(side(times, "(h^t)^2")).as("a square of a timed value stays a square").isEqualTo(new Expr.Power(at("h", 0), 2));
    assertThat(side(times, "W^2")).as("a weight's power").isEqualTo(new Expr.Power(param("W"), 2));

    SuperscriptTimes none = new SuperscriptTimes(List.of("h_t = \\tanh(W h_{t-1})", "s^2"));
    assertThat(none.isEmpty()).isTrue();
    assertThat(side(none, "h^3")).isEqualTo(new Expr.Power(new Expr.Symbol("h", Optional.empty(), Expr.Role.PARAMETER), 3));
  }

  @Test
  void aSumWrittenOnePerStageContinuesAtEitherEnd() {
    Expr written = new TexParser().parse("\\delta_t s_{t-1}^\\top + \\delta_{t-1} s_{t-2}^\\top").statements().get(0).sides().get(0);
    List<WrittenSeries.Continuation> more = WrittenSeries.continued(written);
    assertThat(more).extracting(WrittenSeries.Continuation::term).containsExactly(
        jux(at("\\delta", -2), new Expr.Transpose(at("s", -3))),
        jux(at("\\delta", 1), new Expr.Transpose(at("s", 0))));
    assertThat(more.get(1).rhs()).isInstanceOf(Expr.Sum.class);
    assertThat(((Expr.Sum) more.get(1).rhs()).terms()).hasSize(3);
    assertThat(WrittenSeries.continued(new TexParser().parse("a_t + W b_t").statements().get(0).sides().get(0))).isEmpty();
  }

  @Test
  void aGateArgumentNamedByTheGatesLetterSplitsTheGatesEquation() {
    Expr argument = Expr.sum(List.of(jux(param("W_f"), at("x", 0)), jux(param("U_f"), at("h", -1))));
    Map<String, Expr> forward = new LinkedHashMap<>();
    forward.put("f", new Expr.Apply("sigmoid", List.of(argument)));
    forward.put("h", new Expr.Hadamard(at("f", 0), at("h", -1)));
    List<Statement> claims = new TexParser().parse("\\frac{\\partial L}{\\partial a^f_t} = \\frac{\\partial L}{\\partial a^q_t}").statements();
    List<GateArguments.Argument> named = GateArguments.named(forward, "t", claims);
    assertThat(named).containsExactly(new GateArguments.Argument("a^f", "f", argument,
        new Expr.Apply("sigmoid", List.of(at("a^f", 0)))));
  }
}
