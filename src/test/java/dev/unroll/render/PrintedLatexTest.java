package dev.unroll.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Numbers as TeX, and long right-hand sides broken for a printed page where a term or a factor starts. */
class PrintedLatexTest {
  private static Expr sym(String name, int t) {
    return Expr.Symbol.at(name, Time.t(t), Expr.Role.STATE);
  }

  private static Expr w() {
    return new Expr.Symbol("W", Optional.empty(), Expr.Role.PARAMETER);
  }

  /** diag(1 - s_k^2) W^T repeated n times, then s_{t-n}: as long as the oldest term of an n-stage sum. */
  private static Expr longProduct(int n) {
    List<Expr> f = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      f.add(new Expr.Diag(new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(sym("s", -k), 2))))));
      f.add(new Expr.Transpose(w()));
    }
    f.add(sym("s", -n));
    return new Expr.Product(f, Expr.ProductStyle.JUXTAPOSE);
  }

  @Test
  void numbersAreTimesAPowerOfTenOutsideAThousandthToAHundredThousand() {
    assertThat(LatexWriter.number(3.093e-20)).isEqualTo("3.1 \\times 10^{-20}");
    assertThat(LatexWriter.number(1e-6)).isEqualTo("10^{-6}");
    assertThat(LatexWriter.number(127800)).isEqualTo("1.3 \\times 10^{5}");
    assertThat(LatexWriter.number(0.11984)).isEqualTo("0.1198");
    assertThat(LatexWriter.number(2217.0)).isEqualTo("2217");
    assertThat(LatexWriter.number(0)).isEqualTo("0");
  }

  @Test
  void aShortEquationStaysOnOneLineInPrintAsOnTheScreen() {
    Expr lhs = sym("z", 0);
    Expr rhs = Expr.juxtapose(List.of(w(), sym("s", -1)));
    assertThat(LatexWriter.printed(Notation.LESSON).equation(lhs, rhs))
        .isEqualTo(new LatexWriter(Notation.LESSON).equation(lhs, rhs)).isEqualTo("z_{t} = W s_{t-1}");
  }

  @Test
  void aLongProductBreaksBetweenFactorsIntoRowsThatFit() {
    Expr lhs = new Expr.Partial(new Expr.Symbol("E", Optional.empty(), Expr.Role.LOSS), w());
    String screen = new LatexWriter(Notation.LESSON).equation(lhs, longProduct(8));
    String printed = LatexWriter.printed(Notation.LESSON).equation(lhs, longProduct(8));
    assertThat(screen).doesNotContain("\\\\");
    assertThat(printed).startsWith("\\begin{aligned}\n\\frac{\\partial E}{\\partial W} &= \\operatorname{diag}")
        .endsWith("s_{t-8}\n\\end{aligned}").contains(" \\\\\n&\\quad ");
    // Every factor is kept, in order: removing the breaks gives the one-line form back.
    String joined = printed.replace("\\begin{aligned}\n", "").replace("\n\\end{aligned}", "")
        .replace(" &= ", " = ").replace(" \\\\\n&\\quad ", " ");
    assertThat(joined).isEqualTo(screen);
    for (String row : printed.split("\\\\\\\\\n")) {
      assertThat(DisplayBreaker.width(row)).as(row).isLessThanOrEqualTo(LatexWriter.PRINTED_WIDTH);
    }
  }

  @Test
  void aLongTransposedProductBreaksInsideBigParentheses() {
    Expr lhs = new Expr.Partial(new Expr.Symbol("E", Optional.empty(), Expr.Role.LOSS), w());
    Expr rhs = Expr.juxtapose(List.of(new Expr.Transpose(longProduct(8)), new Expr.Transpose(sym("s", -9))));
    String printed = LatexWriter.printed(Notation.LESSON).equation(lhs, rhs);
    assertThat(printed).contains("&= \\bigl(\\operatorname{diag}").contains("\\bigr)^\\top s_{t-9}^\\top")
        .doesNotContain("\\left(\\operatorname{diag}\\left(1 - s_{t}^{2}\\right) W^\\top \\operatorname{diag}");
  }
}
