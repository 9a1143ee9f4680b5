package dev.unroll.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.TextbookCalculus;
import dev.unroll.unroll.Unroller;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprTextTest {
  @Test
  void everyFormOfARealDerivationReadsBackEqual() {
    var d = new Differentiator().derive(new Unroller().unroll(new CellLibrary().load("rnn"), 4), "W", LossKind.TOTAL);
    Forms forms = new Forms(new TextbookCalculus());
    for (Expr e : List.of(forms.chainSum(d), forms.concreteSum(d), forms.matrixSum(d))) {
      assertThat(ExprText.read(ExprText.write(e))).isEqualTo(e);
    }
  }

  @Test
  void aSmallExpressionHasAStableSpelling() {
    Expr e = new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(
        Expr.Symbol.at("s", Time.t(-1), Expr.Role.STATE), 2))));
    assertThat(ExprText.write(e)).isEqualTo("(sum (num 1) (neg (pow (sym s t -1 STATE) 2)))");
  }

  @Test
  void damagedTextIsRefused() {
    assertThatThrownBy(() -> ExprText.read("(sum (num 1)")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExprText.read("(frob)")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExprText.read("(num 1) extra")).isInstanceOf(IllegalArgumentException.class);
  }
}
