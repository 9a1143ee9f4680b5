package dev.unroll.numeric;

import dev.unroll.cell.Activation;
import java.util.List;
import java.util.Objects;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;

/**
 * An activation compiled from the cell's own definition ({@link Activation#definition()}, the text
 * Symja differentiates), so the numeric side computes exactly the function the lesson derives and
 * never looks one up by name: a cell that defines its own {@code sigmoid} gets its own.
 *
 * <p>Three evaluations of one {@link ScalarExpr} tree: on doubles (the forward pass), on dual
 * numbers (the derivative the backward pass and the derived sums use) and on any Hipparchus field
 * (forward-mode automatic differentiation, by code that shares nothing with the dual numbers but the
 * tree). Where the dual numbers overflow on the way to a finite answer (the sigmoid
 * {@code 1/(1+Exp(-z))} at z = -800 divides infinity by infinity), the derivative is taken again
 * with 40-digit {@link Dfp} numbers, whose exponent does not overflow.
 *
 * <p>{@code Max}, {@code Min}, {@code Abs}, {@code Ramp}, {@code UnitStep} and {@code Sign} are
 * piecewise and differentiate piece by piece, with the pieces Symja's rewriting gives them: {@code Max}
 * takes its first greatest argument ({@code Max(0, z)} at 0 is the constant 0, so relu's derivative at
 * 0 is 0, as {@code step(0) = 0}); {@code Abs(a)} is {@code a} for {@code a >= 0}. Every comparison a
 * piecewise function makes can be recorded ({@link Branches}), which is how finite differences tell
 * a step that crosses a kink.
 */
public final class Nonlinearity {
  private static final DfpField WIDE = new DfpField(40);

  private final String name;
  private final ScalarExpr tree;
  private final boolean piecewise;

  private Nonlinearity(String name, ScalarExpr tree) {
    this.name = Objects.requireNonNull(name, "name");
    this.tree = Objects.requireNonNull(tree, "tree");
    this.piecewise = hasPieces(tree);
  }

  /** The cell's activation, compiled from its definition. */
  public static Nonlinearity of(Activation a) {
    return new Nonlinearity(a.name(), ScalarExpr.parse(a.definition(), a.argument()));
  }

  /** A definition written in Symja's syntax as a function of {@code variable}. */
  public static Nonlinearity compile(String name, String definition, String variable) {
    return new Nonlinearity(name, ScalarExpr.parse(definition, variable));
  }

  /** One of {@link ScalarExpr#FUNCTIONS} of one argument, by its name in any case ({@code sech}). */
  static java.util.Optional<Nonlinearity> elementary(String function) {
    return ScalarExpr.function(function).filter(f -> ScalarExpr.FUNCTIONS.get(f) == 1)
        .map(f -> new Nonlinearity(f, new ScalarExpr.Call(f, List.of(new ScalarExpr.Variable()))));
  }

  public String name() {
    return name;
  }

  /** True if the definition has a kink ({@code Max}, {@code Abs}, ...). */
  public boolean piecewise() {
    return piecewise;
  }

  /** The Heaviside step with step(0) = 0: the derivative templates' {@code step}. */
  public static double step(double z) {
    return z > 0 ? 1 : 0;
  }

  /** Where a piecewise function goes at each of its comparisons, in evaluation order. */
  public interface Branches {
    void took(int branch);
  }

  public double value(double z) {
    return value(tree, z, null);
  }

  /** f(z), telling {@code branches} which piece every comparison chose. */
  public double value(double z, Branches branches) {
    return value(tree, z, branches);
  }

  /** f'(z), on dual numbers; through {@link Dfp} numbers where the doubles overflow. */
  public double derivative(double z) {
    double d = dual(tree, z, 1)[1];
    if (Double.isFinite(d) || !Double.isFinite(value(z))) {
      return d;
    }
    FieldGradient<Dfp> x = FieldGradient.variable(1, 0, WIDE.newDfp(z));
    return field(tree, x).getPartialDerivative(0).toDouble();
  }

  /** f(z) in any field, with the field's own arithmetic. */
  public <T extends CalculusFieldElement<T>> T value(T z) {
    return field(tree, z);
  }

  @Override
  public String toString() {
    return name;
  }

  private static boolean hasPieces(ScalarExpr e) {
    if (e instanceof ScalarExpr.Call c) {
      return isPiecewise(c.function()) || c.arguments().stream().anyMatch(Nonlinearity::hasPieces);
    }
    return children(e).stream().anyMatch(Nonlinearity::hasPieces);
  }

  private static List<ScalarExpr> children(ScalarExpr e) {
    if (e instanceof ScalarExpr.Add a) {
      return List.of(a.left(), a.right());
    }
    if (e instanceof ScalarExpr.Multiply m) {
      return List.of(m.left(), m.right());
    }
    if (e instanceof ScalarExpr.Divide d) {
      return List.of(d.left(), d.right());
    }
    if (e instanceof ScalarExpr.Power p) {
      return List.of(p.base(), p.exponent());
    }
    if (e instanceof ScalarExpr.Negate n) {
      return List.of(n.operand());
    }
    return List.of();
  }

  private static boolean isPiecewise(String f) {
    return List.of("Max", "Min", "Abs", "Ramp", "UnitStep", "Sign").contains(f);
  }

  private static double value(ScalarExpr e, double z, Branches b) {
    if (e instanceof ScalarExpr.Variable) {
      return z;
    }
    if (e instanceof ScalarExpr.Constant c) {
      return c.value();
    }
    if (e instanceof ScalarExpr.Add a) {
      return value(a.left(), z, b) + value(a.right(), z, b);
    }
    if (e instanceof ScalarExpr.Multiply m) {
      return value(m.left(), z, b) * value(m.right(), z, b);
    }
    if (e instanceof ScalarExpr.Divide d) {
      return value(d.left(), z, b) / value(d.right(), z, b);
    }
    if (e instanceof ScalarExpr.Negate n) {
      return -value(n.operand(), z, b);
    }
    if (e instanceof ScalarExpr.Power p) {
      return Math.pow(value(p.base(), z, b), value(p.exponent(), z, b));
    }
    return call((ScalarExpr.Call) e, z, b);
  }

  private static double call(ScalarExpr.Call c, double z, Branches b) {
    if (c.function().equals("Max") || c.function().equals("Min")) {
      int chosen = extreme(c, z, b);
      return value(c.arguments().get(chosen), z, b);
    }
    double a = value(c.arguments().get(0), z, b);
    if (isPiecewise(c.function())) {
      record(b, a >= 0 ? 1 : 0);
    }
    return switch (c.function()) {
      case "Exp" -> Math.exp(a);
      case "Log" -> Math.log(a);
      case "Sqrt" -> Math.sqrt(a);
      case "Tanh" -> Math.tanh(a);
      case "Sinh" -> Math.sinh(a);
      case "Cosh" -> Math.cosh(a);
      case "Sech" -> 1 / Math.cosh(a);
      case "Csch" -> 1 / Math.sinh(a);
      case "Coth" -> 1 / Math.tanh(a);
      case "Sin" -> Math.sin(a);
      case "Cos" -> Math.cos(a);
      case "Tan" -> Math.tan(a);
      case "Sec" -> 1 / Math.cos(a);
      case "ArcTan" -> Math.atan(a);
      case "ArcSinh" -> Math.log(a + Math.sqrt(a * a + 1));
      case "Abs" -> a >= 0 ? a : -a;
      case "Sign" -> Math.signum(a);
      case "UnitStep" -> a >= 0 ? 1 : 0;
      case "Ramp" -> a >= 0 ? a : 0;
      default -> throw new IllegalStateException("No numeric " + c.function());
    };
  }

  /** The index of the first greatest (Max) or least (Min) argument at z. */
  private static int extreme(ScalarExpr.Call c, double z, Branches b) {
    boolean max = c.function().equals("Max");
    int chosen = 0;
    double best = value(c.arguments().get(0), z, null);
    for (int i = 1; i < c.arguments().size(); i++) {
      double v = value(c.arguments().get(i), z, null);
      if (max ? v > best : v < best) {
        best = v;
        chosen = i;
      }
    }
    record(b, chosen);
    return chosen;
  }

  private static void record(Branches b, int branch) {
    if (b != null) {
      b.took(branch);
    }
  }

  /** {value, derivative} of e at z, with dz = dz. */
  private static double[] dual(ScalarExpr e, double z, double dz) {
    if (e instanceof ScalarExpr.Variable) {
      return new double[] {z, dz};
    }
    if (e instanceof ScalarExpr.Constant c) {
      return new double[] {c.value(), 0};
    }
    if (e instanceof ScalarExpr.Add a) {
      double[] l = dual(a.left(), z, dz);
      double[] r = dual(a.right(), z, dz);
      return new double[] {l[0] + r[0], l[1] + r[1]};
    }
    if (e instanceof ScalarExpr.Multiply m) {
      double[] l = dual(m.left(), z, dz);
      double[] r = dual(m.right(), z, dz);
      return new double[] {l[0] * r[0], times(l[1], r[0]) + times(l[0], r[1])};
    }
    if (e instanceof ScalarExpr.Divide d) {
      double[] l = dual(d.left(), z, dz);
      double[] r = dual(d.right(), z, dz);
      double q = l[0] / r[0];
      return new double[] {q, (l[1] - times(q, r[1])) / r[0]};
    }
    if (e instanceof ScalarExpr.Negate n) {
      double[] x = dual(n.operand(), z, dz);
      return new double[] {-x[0], -x[1]};
    }
    if (e instanceof ScalarExpr.Power p) {
      return power(dual(p.base(), z, dz), dual(p.exponent(), z, dz));
    }
    return dualCall((ScalarExpr.Call) e, z, dz);
  }

  /** a b, where a zero derivative times an infinite value stays zero (a constant stays constant). */
  private static double times(double a, double b) {
    return a == 0 || b == 0 ? 0 : a * b;
  }

  private static double[] power(double[] base, double[] exponent) {
    double v = Math.pow(base[0], exponent[0]);
    double d = exponent[1] == 0 ? times(base[1], exponent[0] * Math.pow(base[0], exponent[0] - 1))
        : times(v, exponent[1] * Math.log(base[0]) + times(exponent[0], base[1]) / base[0]);
    return new double[] {v, d};
  }

  private static double[] dualCall(ScalarExpr.Call c, double z, double dz) {
    if (c.function().equals("Max") || c.function().equals("Min")) {
      return dual(c.arguments().get(extreme(c, z, null)), z, dz);
    }
    double[] x = dual(c.arguments().get(0), z, dz);
    double a = x[0];
    double d = x[1];
    double v = call(new ScalarExpr.Call(c.function(), List.of(new ScalarExpr.Constant(a))), 0, null);
    double slope = switch (c.function()) {
      case "Exp" -> v;
      case "Log" -> 1 / a;
      case "Sqrt" -> 0.5 / v;
      case "Tanh" -> 1 - v * v;
      case "Sinh" -> Math.cosh(a);
      case "Cosh" -> Math.sinh(a);
      case "Sech" -> -v * Math.tanh(a);
      case "Csch" -> -v / Math.tanh(a);
      case "Coth" -> -1 / (Math.sinh(a) * Math.sinh(a));
      case "Sin" -> Math.cos(a);
      case "Cos" -> -Math.sin(a);
      case "Tan" -> 1 + v * v;
      case "Sec" -> v * Math.tan(a);
      case "ArcTan" -> 1 / (1 + a * a);
      case "ArcSinh" -> 1 / Math.sqrt(a * a + 1);
      case "Abs" -> a >= 0 ? 1 : -1;
      case "Ramp" -> a >= 0 ? 1 : 0;
      case "Sign", "UnitStep" -> 0;
      default -> throw new IllegalStateException("No numeric " + c.function());
    };
    return new double[] {v, times(slope, d)};
  }

  private static <T extends CalculusFieldElement<T>> T field(ScalarExpr e, T z) {
    if (e instanceof ScalarExpr.Variable) {
      return z;
    }
    if (e instanceof ScalarExpr.Constant c) {
      return z.getField().getZero().add(c.value());
    }
    if (e instanceof ScalarExpr.Add a) {
      return field(a.left(), z).add(field(a.right(), z));
    }
    if (e instanceof ScalarExpr.Multiply m) {
      return field(m.left(), z).multiply(field(m.right(), z));
    }
    if (e instanceof ScalarExpr.Divide d) {
      return field(d.left(), z).divide(field(d.right(), z));
    }
    if (e instanceof ScalarExpr.Negate n) {
      return field(n.operand(), z).negate();
    }
    if (e instanceof ScalarExpr.Power p) {
      boolean whole = p.exponent() instanceof ScalarExpr.Constant k && k.value() == Math.rint(k.value())
          && Math.abs(k.value()) < 1 << 20;
      return whole ? field(p.base(), z).pow((int) ((ScalarExpr.Constant) p.exponent()).value())
          : field(p.base(), z).pow(field(p.exponent(), z));
    }
    return fieldCall((ScalarExpr.Call) e, z);
  }

  private static <T extends CalculusFieldElement<T>> T fieldCall(ScalarExpr.Call c, T z) {
    if (c.function().equals("Max") || c.function().equals("Min")) {
      return field(c.arguments().get(extreme(c, z.getReal(), null)), z);
    }
    T a = field(c.arguments().get(0), z);
    T zero = z.getField().getZero();
    return switch (c.function()) {
      case "Exp" -> a.exp();
      case "Log" -> a.log();
      case "Sqrt" -> a.sqrt();
      case "Tanh" -> a.tanh();
      case "Sinh" -> a.sinh();
      case "Cosh" -> a.cosh();
      case "Sech" -> a.cosh().reciprocal();
      case "Csch" -> a.sinh().reciprocal();
      case "Coth" -> a.tanh().reciprocal();
      case "Sin" -> a.sin();
      case "Cos" -> a.cos();
      case "Tan" -> a.tan();
      case "Sec" -> a.cos().reciprocal();
      case "ArcTan" -> a.atan();
      case "ArcSinh" -> a.asinh();
      case "Abs" -> a.getReal() >= 0 ? a : a.negate();
      case "Sign" -> zero.add(Math.signum(a.getReal()));
      case "UnitStep" -> zero.add(a.getReal() >= 0 ? 1 : 0);
      case "Ramp" -> a.getReal() >= 0 ? a : zero;
      default -> throw new IllegalStateException("No numeric " + c.function());
    };
  }
}
