package dev.unroll.symbolic;

import dev.unroll.expr.Expr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a polynomial in the gate's output u readably: ascending powers ({@code 1 - u^2}), and with u
 * factored out when that leaves a sum ({@code u ⊙ (1 - u)}, the sigmoid's derivative), since that is
 * how lessons write these derivatives.
 */
final class PolynomialForm {
  private PolynomialForm() {}

  /** @param coefficients numerator and denominator of c0, c1, ... (lowest degree first) */
  static Expr of(List<BigInteger[]> coefficients) {
    List<BigInteger[]> c = new ArrayList<>(coefficients);
    while (!c.isEmpty() && c.get(c.size() - 1)[0].signum() == 0) {
      c.remove(c.size() - 1);
    }
    if (c.isEmpty()) {
      return new Expr.Num(0);
    }
    if (c.get(0)[0].signum() == 0 && nonZero(c.subList(1, c.size())) >= 2) {
      return new Expr.Hadamard(ActivationDerivative.OUTPUT, of(c.subList(1, c.size())));
    }
    List<Expr> terms = new ArrayList<>();
    for (int k = 0; k < c.size(); k++) {
      BigInteger[] ck = c.get(k);
      if (ck[0].signum() != 0) {
        terms.add(term(ck[0], ck[1], k));
      }
    }
    return Expr.sum(terms);
  }

  private static Expr term(BigInteger numerator, BigInteger denominator, int degree) {
    if (degree == 0) {
      return ExprTranslator.rational(numerator, denominator);
    }
    Expr monomial = degree == 1 ? ActivationDerivative.OUTPUT : new Expr.Power(ActivationDerivative.OUTPUT, degree);
    boolean negative = numerator.signum() < 0;
    BigInteger magnitude = numerator.abs();
    Expr scaled = magnitude.equals(BigInteger.ONE) && denominator.equals(BigInteger.ONE) ? monomial
        : new Expr.Hadamard(ExprTranslator.rational(magnitude, denominator), monomial);
    return negative ? new Expr.Negate(scaled) : scaled;
  }

  private static int nonZero(List<BigInteger[]> c) {
    return (int) c.stream().filter(x -> x[0].signum() != 0).count();
  }
}
