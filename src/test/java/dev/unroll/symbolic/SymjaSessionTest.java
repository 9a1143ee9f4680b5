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

  /**
   * evalNumbers takes shortcuts through Symja's numbers (a whole power by multiplication, e to a power
   * by exp, a function's value remembered); each must give what Symja's own evaluation gives, to the
   * last digits of the precision.
   */
  @Test
  void evalNumbersAgreesWithSymjasOwnEvaluationAtFiftyDigits() {
    session.withPrecision(50, () -> {
      IExpr x = session.eval(F.N(F.QQ(-1375, 10000), F.ZZ(50)));
      IExpr y = session.eval(F.N(F.QQ(7, 3), F.ZZ(50)));
      IExpr numericE = session.eval(F.N(F.E, F.ZZ(50)));
      IExpr[] cases = {
        F.Power(x, F.C2), F.Power(y, F.CN1), F.Power(x, F.ZZ(-3)), F.Times(y, F.Power(F.Plus(F.C1, x), F.CN2)),
        F.Power(F.E, x), F.Power(numericE, y), F.Power(F.E, F.Times(F.CN2, y)), F.Tanh(x), F.Sech(y), F.Log(y),
        F.Divide(F.Power(F.E, x), F.Plus(F.Power(F.E, x), F.Power(F.E, y))),
        F.Plus(F.C1, F.Negate(F.Power(F.Tanh(F.Plus(x, y)), F.C2))),
      };
      for (IExpr c : cases) {
        IExpr fast = session.evalNumbers(c);
        IExpr symja = session.eval(c);
        assertThat(fast).as("%s", c).isInstanceOf(ApfloatNum.class);
        double difference = session.eval(F.Abs(F.Subtract(fast, symja))).evalDouble();
        assertThat(difference).as("%s: %s against %s", c, fast, symja).isLessThan(1e-47 * Math.max(1, Math.abs(symja.evalDouble())));
        assertThat(precision(fast)).as("%s", c).isLessThanOrEqualTo(50);
        assertThat(session.evalNumbers(c)).as("the same value again").isEqualTo(fast);
      }
      // A remembered value belongs to its precision: at 30 digits e^x is computed anew, to 30.
      IExpr at30 = session.withPrecision(30, () -> session.evalNumbers(F.Power(F.E, session.eval(F.N(F.QQ(-1375, 10000), F.ZZ(30))))));
      assertThat(precision(at30)).isLessThanOrEqualTo(30);
      // Symbols stay symbols.
      assertThat(session.evalNumbers(F.Power(F.E, F.symbol("unrolltestz"))).isNumber()).isFalse();
      return null;
    });
  }

  private static long precision(IExpr number) {
    assertThat(number).isInstanceOf(ApfloatNum.class);
    return ((ApfloatNum) number).apfloatValue().precision();
  }
}
