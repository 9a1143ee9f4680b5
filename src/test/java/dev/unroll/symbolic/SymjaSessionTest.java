package dev.unroll.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.ApfloatNum;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Symja's {@code ExprEvaluator} resets its engine on every call that takes a string, and the reset
 * forgets the numeric precision; the session must keep it, or every Tanh after a parse is computed
 * at Apfloat's maximum precision (32,768 digits, seconds each).
 */
class SymjaSessionTest {
  private final SymjaSession session = new SymjaSession();

  @Test
  void parsingInTheMiddleOfANumericEvaluationKeepsItsPrecision() {
    long[] digits = session.withPrecision(50, () -> {
      IExpr x = session.eval(F.N(F.QQ(-1375, 10000), F.ZZ(50)));
      session.parse("Tanh");
      session.eval("1 + 1");
      session.parseDefinition("1/(1+Exp(-z))");
      IExpr tanh = session.eval(F.Tanh(x));
      IExpr exp = session.eval(F.Power(F.E, x));
      return new long[] {precision(tanh), precision(exp), session.engine().getNumericPrecision()};
    });
    assertThat(digits[0]).as("digits of Tanh[x]").isLessThanOrEqualTo(50);
    assertThat(digits[1]).as("digits of E^x").isLessThanOrEqualTo(50);
    assertThat(digits[2]).as("the engine's precision").isEqualTo(50);
  }

  @Test
  void withPrecisionPutsThePreviousPrecisionBack() {
    long before = session.engine().getNumericPrecision();
    session.withPrecision(50, () -> session.parse("Tanh"));
    assertThat(session.engine().getNumericPrecision()).isEqualTo(before);
  }

  private static long precision(IExpr number) {
    assertThat(number).isInstanceOf(ApfloatNum.class);
    return ((ApfloatNum) number).apfloatValue().precision();
  }
}
