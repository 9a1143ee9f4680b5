package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import dev.unroll.expr.Expr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Finds and proves the form of one activation's derivative that a lesson writes.
 *
 * <ol>
 *   <li>{@code D} of the definition in the argument z.
 *   <li>For a smooth definition: Symja's {@code Solve[u == f(z), z]} inverts the activation; the
 *       derivative with that inverse put in for z, simplified, is the candidate. It is accepted if it
 *       is a polynomial in u of degree at most 3 and the identity {@code f'(z) = p(f(z))} is proved:
 *       {@code Together} or {@code Simplify} of the difference gives 0, or failing that the difference is below
 *       {@code 10^-40} at {@value #PROOF_POINTS} seeded random rational points (evaluated to 50 digits).
 *   <li>For a piecewise definition (one using {@code Max}, {@code Min}, {@code Abs}, {@code Ramp},
 *       {@code UnitStep}, {@code Sign}, {@code Clip} or {@code Piecewise}): the pieces are written out
 *       as a {@code Piecewise} before {@code D}, and the derivative is accepted as
 *       {@code c0 + c1 step(u)} (step taken as 0 at 0) if it is constant on each side of {@code u = 0}
 *       at {@value #PROOF_POINTS} seeded random rational points of both signs, compared exactly.
 *   <li>Otherwise the derivative is written in the input z, as Symja simplifies it (with
 *       {@code Abs'} read as {@code Sign}).
 * </ol>
 */
final class ActivationDeriver {
  static final int PROOF_POINTS = 8;
  /** How long Symja may take to find and prove one activation's derivative (tanh takes about 1 s). */
  static final java.time.Duration TIME_LIMIT = java.time.Duration.ofSeconds(15);
  private static final long SEED = 20_260_101L;
  private static final List<String> PIECEWISE_HEADS =
      List.of("Max", "Min", "Abs", "Ramp", "UnitStep", "Sign", "Clip", "Piecewise", "HeavisideTheta");
  /** Writes the pieces out so that {@code D} can differentiate them. */
  static final String PIECES = "{Max[a_, b_] :> Piecewise[{{a, a >= b}}, b],"
      + " Min[a_, b_] :> Piecewise[{{a, a <= b}}, b],"
      + " Abs[a_] :> Piecewise[{{a, a >= 0}}, -a],"
      + " Ramp[a_] :> Piecewise[{{a, a >= 0}}, 0]}";

  /** Symja leaves {@code Abs'} unevaluated; for real arguments it is {@code Sign}. */
  private static final String ABS_DERIVATIVE = "Derivative[1][Abs][a_] :> Sign[a]";
  /** Inverses larger than this (the cube roots of a cubic's inverse) are not worth simplifying. */
  private static final long MAX_INVERSE_LEAVES = 40;

  private final SymjaSession session;

  ActivationDeriver(SymjaSession session) {
    this.session = session;
  }

  ActivationDerivative derive(Activation activation) {
    IExpr definition = session.parseDefinition(activation.definition());
    ISymbol z = F.symbol(activation.argument());
    ISymbol u = F.symbol(activation.argument().equals("u") ? "v" : "u");
    if (!definition.isFree(u)) {
      throw new IllegalArgumentException("The activation " + activation.name() + " may use only its argument "
          + activation.argument() + ", but its definition '" + activation.definition() + "' uses " + u + ".");
    }
    boolean piecewise = PIECEWISE_HEADS.stream().anyMatch(h -> !definition.isFree(F.symbol(h)));
    if (piecewise) {
      IExpr pieces = session.eval(F.ReplaceAll(definition, session.parse(PIECES)));
      IExpr derivative = session.eval(F.D(pieces, z));
      ActivationDerivative step = stepForm(activation.name(), pieces, derivative, z, u, false);
      if (step == null) {
        step = stepForm(activation.name(), pieces, derivative, z, u, true);
      }
      if (step != null) {
        return step;
      }
      IExpr signed = session.eval(F.Simplify(F.ReplaceAll(F.D(definition, z), session.parse(ABS_DERIVATIVE))));
      return inputForm(activation.name(), signed, z);
    }
    IExpr derivative = session.eval(F.D(definition, z));
    ActivationDerivative polynomial = polynomialForm(activation.name(), definition, derivative, z, u);
    return polynomial != null ? polynomial : inputForm(activation.name(), derivative, z);
  }

  private ActivationDerivative polynomialForm(String name, IExpr f, IExpr derivative, ISymbol z, ISymbol u) {
    IExpr solutions = session.eval(F.Solve(F.Equal(u, f), z));
    if (!solutions.isList()) {
      return null;
    }
    for (IExpr solution : (IAST) solutions) {
      if (!solution.isList() || ((IAST) solution).argSize() != 1) {
        continue;
      }
      IExpr inverse = ((IAST) solution).arg1().second();
      if (inverse.isAST(S.ConditionalExpression)) {
        inverse = inverse.first();
      }
      inverse = session.eval(F.ReplaceAll(inverse, F.Rule(F.C(1), F.C0)));
      if (inverse.leafCount() > MAX_INVERSE_LEAVES) {
        continue;
      }
      IExpr substituted = F.ReplaceAll(derivative, F.Rule(z, inverse));
      IExpr candidate = session.eval(F.Expand(F.Together(substituted)));
      if (!candidate.isFree(z) || !candidate.isPolynomial(u)) {
        candidate = session.eval(F.Expand(F.Simplify(substituted)));
      }
      if (!candidate.isFree(z) || !candidate.isPolynomial(u)) {
        continue;
      }
      IExpr coefficients = session.eval(F.CoefficientList(candidate, u));
      if (!coefficients.isList() || ((IAST) coefficients).argSize() > 4 || !allRational((IAST) coefficients)) {
        continue;
      }
      IExpr difference = F.Subtract(derivative, F.ReplaceAll(candidate, F.Rule(u, f)));
      ActivationDerivative.Proof proof = prove(difference, z);
      if (proof != null) {
        return new ActivationDerivative(name, ActivationDerivative.Form.OUTPUT_POLYNOMIAL, proof,
            derivative.toString(), candidate.toString(), PolynomialForm.of(rationals((IAST) coefficients)));
      }
    }
    return null;
  }

  /** {@code Simplify} to 0, else a difference below 10^-40 at seeded random points; null if neither. */
  private ActivationDerivative.Proof prove(IExpr difference, ISymbol z) {
    if (session.eval(F.Together(difference)).isZero() || session.eval(F.Simplify(difference)).isZero()) {
      return ActivationDerivative.Proof.SIMPLIFIED_TO_ZERO;
    }
    Random random = new Random(SEED);
    IExpr tolerance = F.Power(F.C10, F.ZZ(-40));
    for (int k = 0; k < PROOF_POINTS; k++) {
      IExpr at = F.ReplaceAll(difference, F.Rule(z, point(random, k)));
      IExpr value = session.eval(F.N(at, F.ZZ(50)));
      if (!session.eval(F.Less(F.Abs(value), tolerance)).isTrue()) {
        return null;
      }
    }
    return ActivationDerivative.Proof.RANDOM_POINTS;
  }

  /**
   * {@code c0 + c1 step(u)}, the pieces told apart by the sign of the output u, or with {@code byInput}
   * {@code c0 + c1 step(z)}, by the sign of the input ({@code Max(0, z) - 1/2} has its kink at z = 0,
   * where its output is -1/2).
   */
  private ActivationDerivative stepForm(String name, IExpr f, IExpr derivative, ISymbol z, ISymbol u, boolean byInput) {
    Random random = new Random(SEED);
    IRational positive = null;
    IRational nonPositive = null;
    for (int k = 0; k < PROOF_POINTS; k++) {
      IExpr zk = point(random, k);
      IExpr value = session.eval(F.ReplaceAll(derivative, F.Rule(z, zk)));
      IExpr output = session.eval(F.ReplaceAll(f, F.Rule(z, zk)));
      if (!(value instanceof IRational r) || !(output instanceof IRational o)) {
        return null;
      }
      if (byInput ? ((IRational) zk).isPositive() : o.isPositive()) {
        if (positive != null && !positive.equals(r)) {
          return null;
        }
        positive = r;
      } else {
        if (nonPositive != null && !nonPositive.equals(r)) {
          return null;
        }
        nonPositive = r;
      }
    }
    if (positive == null || nonPositive == null) {
      return null;
    }
    IRational jump = positive.subtract(nonPositive);
    Expr step = new Expr.Apply("step", List.of(byInput ? ActivationDerivative.INPUT : ActivationDerivative.OUTPUT));
    Expr scaled = jump.isOne() ? step : new Expr.Hadamard(number(jump), step);
    Expr template = nonPositive.isZero() ? scaled : new Expr.Sum(List.of(number(nonPositive), scaled));
    String rewritten = (nonPositive.isZero() ? "" : nonPositive + "+") + (jump.isOne() ? "" : jump + "*")
        + "Boole[" + (byInput ? z : u) + ">0]";
    return new ActivationDerivative(name, byInput ? ActivationDerivative.Form.INPUT_STEP : ActivationDerivative.Form.OUTPUT_STEP,
        ActivationDerivative.Proof.RANDOM_POINTS, derivative.toString(), rewritten, template);
  }

  private ActivationDerivative inputForm(String name, IExpr derivative, ISymbol z) {
    Expr template = new ExprTranslator(z, ActivationDerivative.INPUT).translate(derivative);
    return new ActivationDerivative(name, ActivationDerivative.Form.INPUT, ActivationDerivative.Proof.DEFINITION,
        derivative.toString(), derivative.toString(), template);
  }

  /** Seeded rationals in [-3, 3] away from 0, alternating in sign. */
  private static IExpr point(Random random, int k) {
    long numerator = 1 + random.nextInt(299);
    return F.QQ(k % 2 == 0 ? numerator : -numerator, 100);
  }

  private static boolean allRational(IAST list) {
    for (IExpr e : list) {
      if (!(e instanceof IRational)) {
        return false;
      }
    }
    return true;
  }

  private static List<BigInteger[]> rationals(IAST list) {
    List<BigInteger[]> out = new ArrayList<>();
    for (IExpr e : list) {
      IRational r = (IRational) e;
      out.add(new BigInteger[] {r.toBigNumerator(), r.toBigDenominator()});
    }
    return out;
  }

  private static Expr number(IRational r) {
    return ExprTranslator.rational(r.toBigNumerator(), r.toBigDenominator());
  }
}
