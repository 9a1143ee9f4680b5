package dev.unroll.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.expr.Expr;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TeX of the bound's pieces: norms, sigma_max, fractions, powers with an expression exponent, relations. */
class BoundTexTest {
  private final LatexWriter tex = new LatexWriter(Notation.LESSON);

  private static Expr sym(String name) {
    return new Expr.Symbol(name, Optional.empty(), Expr.Role.INTERMEDIATE);
  }

  @Test
  void writesNormSigmaMaxFractionAndPower() {
    Expr sigma = new Expr.Apply("sigmamax", List.of(sym("W")));
    assertThat(tex.write(new Expr.Apply("norm", List.of(sym("g"))))).isEqualTo("\\left\\| g \\right\\|");
    assertThat(tex.write(sigma)).isEqualTo("\\sigma_{\\max}\\left(W\\right)");
    assertThat(tex.write(new Expr.Apply("frac", List.of(new Expr.Num(1), sym("gamma"))))).isEqualTo("\\frac{1}{\\gamma}");
    assertThat(tex.write(new Expr.Apply("pow", List.of(Expr.juxtapose(List.of(sym("gamma"), sigma)),
        new Expr.Sum(List.of(sym("t"), new Expr.Negate(sym("k"))))))))
        .isEqualTo("\\left(\\gamma \\sigma_{\\max}\\left(W\\right)\\right)^{t - k}");
  }

  @Test
  void chainsRelationsAndRefusesAMismatchedChain() {
    assertThat(tex.relations(List.of(sym("a"), sym("b"), new Expr.Num(4)),
        List.of(LatexWriter.Relation.LESS_EQUAL, LatexWriter.Relation.EQUAL))).isEqualTo("a \\le b = 4");
    assertThatThrownBy(() -> tex.relations(List.of(sym("a")), List.of(LatexWriter.Relation.LESS)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
