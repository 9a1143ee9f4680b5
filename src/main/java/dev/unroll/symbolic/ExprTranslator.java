package dev.unroll.symbolic;

import dev.unroll.expr.Expr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Turns a scalar Symja expression of one variable into our {@link Expr}, read elementwise: the
 * variable becomes a given vector expression (a gate's input or output), sums become {@link Expr.Sum},
 * products {@link Expr.Hadamard}, integer powers {@link Expr.Power}, and a built-in function such as
 * {@code Sech} an {@link Expr.Apply} of its lower-case name. Used for activation derivatives that
 * cannot be written in the gate's output.
 */
final class ExprTranslator {
  private final ISymbol variable;
  private final Expr replacement;

  ExprTranslator(ISymbol variable, Expr replacement) {
    this.variable = variable;
    this.replacement = replacement;
  }

  Expr translate(IExpr e) {
    if (e.equals(variable)) {
      return replacement;
    }
    if (e instanceof IInteger i) {
      return integer(i.toBigNumerator());
    }
    if (e instanceof IFraction f) {
      return rational(f.toBigNumerator(), f.toBigDenominator());
    }
    if (e.isPlus()) {
      IAST plus = (IAST) e;
      List<Expr> terms = new ArrayList<>();
      for (int i = 1; i <= plus.argSize(); i++) {
        terms.add(translate(plus.get(i)));
      }
      return Expr.sum(terms);
    }
    if (e.isTimes()) {
      IAST times = (IAST) e;
      IExpr first = times.arg1();
      IAST rest = times.removeAtClone(1);
      IExpr restExpr = rest.argSize() == 1 ? rest.arg1() : rest;
      if (first.isMinusOne()) {
        return new Expr.Negate(translate(restExpr));
      }
      if (first.isNumber() && first.isNegative()) {
        return new Expr.Negate(translate(F.Times(first.negate(), restExpr)));
      }
      Expr out = translate(times.arg1());
      for (int i = 2; i <= times.argSize(); i++) {
        out = new Expr.Hadamard(out, translate(times.get(i)));
      }
      return out;
    }
    if (e.isPower()) {
      IExpr base = e.base();
      IExpr exponent = e.exponent();
      if (base.equals(S.E)) {
        return new Expr.Apply("exp", List.of(translate(exponent)));
      }
      if (exponent instanceof IInteger k) {
        return new Expr.Power(translate(base), k.toIntDefault());
      }
      if (exponent.equals(F.C1D2)) {
        return new Expr.Apply("sqrt", List.of(translate(base)));
      }
      if (exponent.equals(F.CN1D2)) {
        return new Expr.Power(new Expr.Apply("sqrt", List.of(translate(base))), -1);
      }
    }
    if (e.isAST() && e.head().isBuiltInSymbol()) {
      IAST call = (IAST) e;
      List<Expr> args = new ArrayList<>();
      for (int i = 1; i <= call.argSize(); i++) {
        args.add(translate(call.get(i)));
      }
      String name = call.head().toString().toLowerCase(Locale.ROOT);
      return new Expr.Apply(name, args);
    }
    throw new IllegalArgumentException("The derivative " + e + " cannot be written as an elementwise expression.");
  }

  static Expr integer(BigInteger value) {
    if (value.bitLength() >= 63) {
      throw new IllegalArgumentException("The number " + value + " is too large for an expression.");
    }
    long v = value.longValueExact();
    return v < 0 ? new Expr.Negate(new Expr.Num(-v)) : new Expr.Num(v);
  }

  /** {@code p/q} as {@code p ⊙ q^{-1}}: our tree has whole numbers only. */
  static Expr rational(BigInteger numerator, BigInteger denominator) {
    if (denominator.equals(BigInteger.ONE)) {
      return integer(numerator);
    }
    Expr reciprocal = new Expr.Power(integer(denominator), -1);
    if (numerator.abs().equals(BigInteger.ONE)) {
      return numerator.signum() < 0 ? new Expr.Negate(reciprocal) : reciprocal;
    }
    Expr product = new Expr.Hadamard(integer(numerator.abs()), reciprocal);
    return numerator.signum() < 0 ? new Expr.Negate(product) : product;
  }
}
