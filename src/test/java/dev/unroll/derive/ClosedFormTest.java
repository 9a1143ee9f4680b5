package dev.unroll.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Expr;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import dev.unroll.unroll.Unroller;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The closed form, found from a 3-stage derivation, expands to exactly the expanded sum for N = 1..12. */
class ClosedFormTest {
  private static final CellDefinition RNN = new CellLibrary().load("rnn");
  private final Forms forms = new Forms(new TextbookCalculus());

  private static Derivation derive(CellDefinition cell, int steps, String wrt) {
    return new Differentiator().derive(new Unroller().unroll(cell, steps), wrt, LossKind.LAST);
  }

  static Stream<Arguments> cases() {
    return Stream.of("W", "U").flatMap(p -> Stream.of("tanh", "sigmoid")
        .flatMap(a -> IntStream.rangeClosed(1, 12).mapToObj(n -> Arguments.of(p, a, n))));
  }

  @ParameterizedTest(name = "{0} {1} N={2}")
  @MethodSource("cases")
  void theClosedFormExpandsToTheExpandedSum(String wrt, String activation, int steps) {
    CellDefinition cell = RNN.withPlaceholder("f", activation);
    Recurrence r = forms.recurrence(derive(cell, 3, wrt)).orElseThrow().over(steps);
    Derivation expanded = derive(cell, steps, wrt);
    assertThat(ClosedForm.expand(ClosedForm.chain(r))).isEqualTo(forms.chainSum(expanded));
    assertThat(ClosedForm.expand(ClosedForm.matrix(r))).isEqualTo(forms.matrixSum(expanded));
  }

  @ParameterizedTest(name = "total {0} {1} N={2}")
  @MethodSource("cases")
  void theTotalLossDoubleSumExpandsToTheExpandedSum(String wrt, String activation, int steps) {
    CellDefinition cell = RNN.withPlaceholder("f", activation);
    Recurrence r = forms.recurrence(derive(cell, 3, wrt)).orElseThrow().over(steps);
    Derivation expanded = new Differentiator().derive(new Unroller().unroll(cell, steps), wrt, LossKind.TOTAL);
    assertThat(ClosedForm.expand(ClosedForm.totalChain(r))).isEqualTo(forms.chainSum(expanded));
    assertThat(ClosedForm.expand(ClosedForm.totalMatrix(r))).isEqualTo(forms.matrixSum(expanded));
  }

  @Test
  void aClosedFormWithTheWrongOrderDoesNotExpandToTheSum() {
    Recurrence r = forms.recurrence(derive(RNN, 3, "W")).orElseThrow().over(4);
    Expr.Series sum = (Expr.Series) ClosedForm.matrix(r);
    Expr.Product body = (Expr.Product) sum.body();
    Expr.Series product = (Expr.Series) body.factors().get(0);
    Expr.Series reversed = new Expr.Series(product.kind(), product.index(), product.to(), product.from(), true,
        product.style(), product.body());
    java.util.List<Expr> factors = new java.util.ArrayList<>(body.factors());
    factors.set(0, reversed);
    Expr wrong = new Expr.Series(sum.kind(), sum.index(), sum.from(), sum.to(), sum.descending(), sum.style(),
        new Expr.Product(factors, body.style()));
    assertThat(ClosedForm.expand(wrong)).isNotEqualTo(forms.matrixSum(derive(RNN, 4, "W")));
  }

  @Test
  void theClosedFormsAsTex() {
    Recurrence r = forms.recurrence(derive(RNN, 3, "W")).orElseThrow().over(10);
    LatexWriter tex = new LatexWriter(Notation.LESSON);
    assertThat(tex.write(ClosedForm.matrix(r))).isEqualTo(
        "\\sum_{k=t-8}^{t+1} \\left(\\prod_{j=k}^{t} \\operatorname{diag}\\left(1 - s_{j}^{2}\\right) W^\\top\\right)"
            + " \\operatorname{diag}\\left(1 - s_{t+1}^{2}\\right) V^\\top \\left(o_{t+1} - y_{t+1}\\right) s_{k-1}^\\top");
  }
}
