package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TexParserTest {
  private static Expr.Symbol sym(String name, int offset) {
    return new Expr.Symbol(name, Optional.of(Time.t(offset)), Expr.Role.INTERMEDIATE);
  }

  private static Expr.Symbol param(String name) {
    return new Expr.Symbol(name, Optional.empty(), Expr.Role.PARAMETER);
  }

  private static Expr one(String tex) {
    List<Statement> s = new TexParser().parse(tex).statements();
    assertThat(s).hasSize(1);
    return s.get(0).sides().get(s.get(0).sides().size() - 1);
  }

  @Test
  void partialsInEveryWriting() {
    Expr want = new Expr.Partial(sym("E", 1), param("W"));
    assertThat(one("\\frac{\\partial E_{t+1}}{\\partial W}")).isEqualTo(want);
    assertThat(one("\\large\\frac{\\partial E_{t+1}} {\\partial W}")).isEqualTo(want);
    assertThat(one("\\partial E_{t+1} / \\partial W")).isEqualTo(want);
    assertThat(one("\\dfrac{d E_{t+1}}{d W}")).isEqualTo(want);
  }

  @Test
  void aPowerAfterAFunctionsParenthesesSquaresItsValue() {
    Expr square = new Expr.Power(new Expr.Apply("tanh", List.of(sym("c", 0))), 2);
    assertThat(one("\\tanh(c_t)^2")).isEqualTo(square);
    assertThat(one("\\tanh^2(c_t)")).isEqualTo(square);
    assertThat(one("\\tanh c_t^2")).isEqualTo(new Expr.Apply("tanh", List.of(new Expr.Power(sym("c", 0), 2))));
  }

  @Test
  void aSigmaWithASubscriptBeforeParenthesesIsAFunction() {
    assertThat(one("\\sigma_g(z_t)")).isEqualTo(new Expr.Apply("sigma_g", List.of(sym("z", 0))));
    assertThat(one("\\sigma_{h}(c_t)")).isEqualTo(new Expr.Apply("sigma_h", List.of(sym("c", 0))));
    assertThat(one("\\sigma_t")).as("a subscript alone is still a time").isEqualTo(
        new Expr.Symbol("\\sigma", Optional.of(Time.t(0)), Expr.Role.INTERMEDIATE));
  }

  @Test
  void subscriptsAreTimesOrNames() {
    assertThat(one("s_{t-1}")).isEqualTo(sym("s", -1));
    assertThat(one("s_t")).isEqualTo(sym("s", 0));
    assertThat(one("W_{hh}")).isEqualTo(param("W_hh"));
    assertThat(one("s_{k-2}")).isEqualTo(new Expr.Symbol("s", Optional.of(new Time("k", -2)), Expr.Role.INTERMEDIATE));
  }

  @Test
  void productsByDotCdotTimesOrJuxtaposition() {
    Expr chain = one("V . W \\cdot U \\times s_t");
    assertThat(chain).isInstanceOf(Expr.Product.class);
    assertThat(((Expr.Product) chain).style()).isEqualTo(Expr.ProductStyle.CHAIN);
    assertThat(((Expr.Product) chain).factors()).hasSize(4);
    Expr jux = one("U x_t");
    assertThat(jux).isEqualTo(new Expr.Product(List.of(param("U"), sym("x", 0)), Expr.ProductStyle.JUXTAPOSE));
    assertThat(one("Ux_t")).isEqualTo(jux);
  }

  @Test
  void transposesDiagHadamardAndOuter() {
    assertThat(one("W^T")).isEqualTo(new Expr.Transpose(param("W")));
    assertThat(one("W^{\\top}")).isEqualTo(new Expr.Transpose(param("W")));
    assertThat(one("\\operatorname{diag}(1 - s_t^2)")).isEqualTo(new Expr.Diag(new Expr.Sum(List.of(new Expr.Num(1),
        new Expr.Negate(new Expr.Power(sym("s", 0), 2))))));
    assertThat(one("s_t \\odot s_t")).isEqualTo(new Expr.Hadamard(sym("s", 0), sym("s", 0)));
    assertThat(one("a \\otimes s_t")).isEqualTo(new Expr.Apply("otimes", List.of(param("a"), sym("s", 0))));
  }

  @Test
  void sumsWithLimits() {
    Expr s = one("\\sum\\limits_{k=1}^{N} W");
    assertThat(s).isInstanceOf(Expr.Apply.class);
    assertThat(((Expr.Apply) s).function()).isEqualTo("sum");
  }

  @Test
  void rowsContinueWithoutEquals() {
    ParsedMath p = new TexParser().parse("\\begin{align} a &= b \\\\ &+ c \\\\ d &= e \\end{align}");
    assertThat(p.environments()).containsExactly("align");
    assertThat(p.statements()).hasSize(2);
    assertThat(p.statements().get(0).sides().get(1)).isInstanceOf(Expr.Sum.class);
  }

  @Test
  void commentsSpacingAndSizingAreIgnored() {
    assertThat(one("\\small V \\, \\left( s_t \\right) % expect: nothing")).isEqualTo(
        new Expr.Product(List.of(param("V"), sym("s", 0)), Expr.ProductStyle.JUXTAPOSE));
  }

  @Test
  void offsetsPointAtWhatWasWritten() {
    ParsedMath p = new TexParser().parse("x = V . S_{t}");
    Expr rhs = p.statements().get(0).sides().get(1);
    Expr s = ((Expr.Product) rhs).factors().get(1);
    assertThat(p.offset(s, -1)).isEqualTo(8);
  }

  @Test
  void brokenInputIsASyntaxErrorWithAnOffset() {
    assertThatThrownBy(() -> new TexParser().parse("\\frac{a}{b")).isInstanceOf(TexSyntaxException.class);
    assertThatThrownBy(() -> new TexParser().parse("{".repeat(500) + "}".repeat(500)))
        .isInstanceOf(TexSyntaxException.class).hasMessageContaining("nested");
  }
}
