package dev.unroll.numeric;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.DiagonalMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Evaluates the engine's concrete-form and matrix-form expressions with the values of a forward pass.
 * The semantics: a symbol with a time is the column vector of that graph node; a symbol without one
 * is the parameter matrix (a bias is a column); a product, juxtaposed or chained, is the matrix
 * product (vectors are columns, a transpose makes a row); a sum adds, and a number inside a sum is
 * that number times a vector of ones; a power is elementwise; {@code Diag(v)} is the diagonal matrix;
 * a Hadamard product is elementwise; {@code step(v)} is the Heaviside step (0 at 0); an activation or
 * {@code softmax} applied to a vector is applied as in the forward pass (the cell's own definition of
 * the activation, compiled); an elementary function of a derivative's template ({@code sech},
 * {@code exp}, {@code sign}) elementwise. A {@code Partial} has no
 * value: only the chain notation uses it.
 *
 * <p>A product is evaluated outward from its first column vector (matrix-vector products), so a long
 * chain {@code D W^T D W^T ... delta s^T} never forms a matrix-matrix product.
 */
public final class ExprEvaluator {
  private final Tape tape;
  private final Map<Expr, RealMatrix> partials;

  public ExprEvaluator(Tape tape) {
    this(tape, Map.of());
  }

  /**
   * An evaluator that gives a {@code Partial} the value held for it in {@code partials} (the values of
   * adjoints already computed, keyed by {@code Adjoints.lhs}), so adjoint equations evaluate in order.
   */
  public ExprEvaluator(Tape tape, Map<Expr, RealMatrix> partials) {
    this.tape = tape;
    this.partials = partials;
  }

  /** The value of {@code e} as a matrix; a whole number alone is 1 x 1. */
  public RealMatrix evaluate(Expr e) {
    return eval(e).matrix();
  }

  /**
   * The terms of a derived sum in order: the top-level terms of a sum (a term that is itself a sum,
   * such as {@code o - y}, stays one term), or the expression itself.
   */
  public static List<Expr> terms(Expr e) {
    return e instanceof Expr.Sum s ? s.terms() : List.of(e);
  }

  /** A value, or a broadcast scalar (a {@link Expr.Num}, or a product of numbers). */
  private record Value(RealMatrix matrix, double scalar, boolean isScalar) {
    static Value of(RealMatrix m) {
      return new Value(m, 0, false);
    }

    static Value scalar(double s) {
      return new Value(MatrixUtils.createRealMatrix(new double[][] {{s}}), s, true);
    }

    String shape() {
      return isScalar ? "a number" : matrix.getRowDimension() + " x " + matrix.getColumnDimension();
    }
  }

  private Value eval(Expr e) {
    if (e instanceof Expr.Symbol s) {
      if (s.time().isPresent()) {
        return Value.of(MatrixUtils.createColumnRealMatrix(tape.value(s.name(), s.time().get()).toArray()));
      }
      return Value.of(tape.weight(s.name()));
    }
    if (e instanceof Expr.Num n) {
      return Value.scalar(n.value());
    }
    if (e instanceof Expr.Negate n) {
      Value v = eval(n.operand());
      return v.isScalar() ? Value.scalar(-v.scalar()) : Value.of(v.matrix().scalarMultiply(-1));
    }
    if (e instanceof Expr.Sum s) {
      return sum(s);
    }
    if (e instanceof Expr.Product p) {
      return product(p);
    }
    if (e instanceof Expr.Transpose t) {
      Value v = eval(t.operand());
      return v.isScalar() ? v : Value.of(v.matrix().transpose());
    }
    if (e instanceof Expr.Diag d) {
      Value v = eval(d.operand());
      if (v.isScalar()) {
        // diag of a broadcast number c is c times the identity, which a product treats as the scalar c
        // (the identity activation's derivative is diag(1)).
        return v;
      }
      RealMatrix m = v.matrix();
      if (m.getColumnDimension() != 1 && m.getRowDimension() != 1) {
        throw new ShapeException("Diag needs a vector, got " + v.shape() + " in " + e + ".", "diag of a " + v.shape()
            + " matrix");
      }
      return Value.of(new DiagonalMatrix(m.getColumnDimension() == 1 ? m.getColumn(0) : m.getRow(0)));
    }
    if (e instanceof Expr.Power p) {
      Value v = eval(p.base());
      if (v.isScalar()) {
        return Value.scalar(power(v.scalar(), p.exponent()));
      }
      return Value.of(map(v.matrix(), x -> power(x, p.exponent())));
    }
    if (e instanceof Expr.Hadamard h) {
      return hadamard(eval(h.left()), eval(h.right()), e);
    }
    if (e instanceof Expr.Apply a) {
      return apply(a);
    }
    if (e instanceof Expr.Partial p && partials.containsKey(p)) {
      return Value.of(partials.get(p));
    }
    if (e instanceof Expr.Partial) {
      throw new IllegalArgumentException("A partial derivative has no numeric value; evaluate the concrete or matrix form, not the chain form: " + e + ".");
    }
    throw new IllegalStateException("Unknown expression " + e);
  }

  private Value sum(Expr.Sum s) {
    List<Value> values = s.terms().stream().map(this::eval).toList();
    RealMatrix shape = values.stream().filter(v -> !v.isScalar()).map(Value::matrix).findFirst().orElse(null);
    if (shape == null) {
      return Value.scalar(values.stream().mapToDouble(Value::scalar).sum());
    }
    RealMatrix total = MatrixUtils.createRealMatrix(shape.getRowDimension(), shape.getColumnDimension());
    for (int i = 0; i < values.size(); i++) {
      Value v = values.get(i);
      RealMatrix m = v.isScalar() ? constant(shape, v.scalar()) : v.matrix();
      if (!sameShape(m, total)) {
        String sizes = v.shape() + " to " + total.getRowDimension() + " x " + total.getColumnDimension();
        throw new ShapeException("Cannot add " + v.shape() + " (term " + (i + 1) + ") to " + total.getRowDimension()
            + " x " + total.getColumnDimension() + " in " + s + ".", "a sum adding " + sizes);
      }
      total = total.add(m);
    }
    return Value.of(total);
  }

  private Value product(Expr.Product p) {
    double coefficient = 1;
    List<RealMatrix> factors = new ArrayList<>();
    for (Expr f : p.factors()) {
      Value v = eval(f);
      if (v.isScalar()) {
        coefficient *= v.scalar();
      } else {
        factors.add(v.matrix());
      }
    }
    if (factors.isEmpty()) {
      return Value.scalar(coefficient);
    }
    int anchor = 0;
    while (anchor < factors.size() && factors.get(anchor).getColumnDimension() != 1) {
      anchor++;
    }
    if (anchor == factors.size()) {
      anchor = 0;
    }
    try {
      RealMatrix acc = factors.get(anchor);
      for (int i = anchor - 1; i >= 0; i--) {
        acc = factors.get(i).multiply(acc);
      }
      for (int j = anchor + 1; j < factors.size(); j++) {
        acc = scaleIfOneByOne(acc, factors.get(j));
      }
      return Value.of(coefficient == 1 ? acc : acc.scalarMultiply(coefficient));
    } catch (MathIllegalArgumentException ex) {
      ShapeException e = new ShapeException("The factors of " + p + " do not fit together: " + shapes(factors) + ".",
          "a product of " + shapes(factors).replace(", ", " by "));
      e.initCause(ex);
      throw e;
    }
  }

  /** acc times next; a 1 x 1 result of an inner product scales what follows. */
  private static RealMatrix scaleIfOneByOne(RealMatrix acc, RealMatrix next) {
    if (acc.getRowDimension() == 1 && acc.getColumnDimension() == 1 && next.getRowDimension() != 1) {
      return next.scalarMultiply(acc.getEntry(0, 0));
    }
    return acc.multiply(next);
  }

  private Value hadamard(Value a, Value b, Expr e) {
    if (a.isScalar() && b.isScalar()) {
      return Value.scalar(a.scalar() * b.scalar());
    }
    if (a.isScalar() || b.isScalar()) {
      double s = a.isScalar() ? a.scalar() : b.scalar();
      return Value.of((a.isScalar() ? b : a).matrix().scalarMultiply(s));
    }
    if (!sameShape(a.matrix(), b.matrix())) {
      throw new ShapeException("An elementwise product needs equal shapes, got " + a.shape() + " and " + b.shape() + " in " + e
          + ".", "an elementwise product of " + a.shape() + " and " + b.shape());
    }
    RealMatrix out = a.matrix().copy();
    out.walkInOptimizedOrder(new org.hipparchus.linear.DefaultRealMatrixChangingVisitor() {
      @Override
      public double visit(int row, int column, double value) {
        return value * b.matrix().getEntry(row, column);
      }
    });
    return Value.of(out);
  }

  private Value apply(Expr.Apply a) {
    if (a.arguments().size() != 1) {
      throw new IllegalArgumentException("Cannot evaluate " + a.function() + " of " + a.arguments().size() + " arguments.");
    }
    Value v = eval(a.arguments().get(0));
    if (a.function().equals("step")) {
      return v.isScalar() ? Value.scalar(Nonlinearity.step(v.scalar())) : Value.of(map(v.matrix(), Nonlinearity::step));
    }
    if (a.function().equals("softmax")) {
      if (v.isScalar() || v.matrix().getColumnDimension() != 1) {
        throw new ShapeException("softmax needs a column vector, got " + v.shape() + ".", "softmax of " + v.shape());
      }
      return Value.of(MatrixUtils.createColumnRealMatrix(ForwardPass.softmax(v.matrix().getColumnVector(0)).toArray()));
    }
    Nonlinearity f = function(a.function());
    return v.isScalar() ? Value.scalar(f.value(v.scalar())) : Value.of(map(v.matrix(), f::value));
  }

  /**
   * An applied function: the cell's own activation of that name first (a cell that defines
   * {@code sigmoid} means its own), else an elementary function of a derivative's template
   * ({@code exp}, {@code sech}, {@code sign}), compiled like an activation.
   */
  private Nonlinearity function(String name) {
    if (tape.layout().definesActivation(name)) {
      return tape.layout().activation(name);
    }
    return Nonlinearity.elementary(name).orElseThrow(() -> new IllegalArgumentException("The numeric check cannot evaluate the activation '"
        + name + "': the cell does not define it and it is not one of " + String.join(", ", ScalarExpr.FUNCTIONS.keySet()) + "."));
  }

  private static double power(double x, int k) {
    double r = 1;
    for (int i = 0; i < Math.abs(k); i++) {
      r *= x;
    }
    return k < 0 ? 1 / r : r;
  }

  private static RealMatrix map(RealMatrix m, java.util.function.DoubleUnaryOperator f) {
    RealMatrix out = MatrixUtils.createRealMatrix(m.getRowDimension(), m.getColumnDimension());
    for (int i = 0; i < m.getRowDimension(); i++) {
      for (int j = 0; j < m.getColumnDimension(); j++) {
        out.setEntry(i, j, f.applyAsDouble(m.getEntry(i, j)));
      }
    }
    return out;
  }

  private static RealMatrix constant(RealMatrix shape, double value) {
    RealMatrix c = MatrixUtils.createRealMatrix(shape.getRowDimension(), shape.getColumnDimension());
    return c.scalarAdd(value);
  }

  private static boolean sameShape(RealMatrix a, RealMatrix b) {
    return a.getRowDimension() == b.getRowDimension() && a.getColumnDimension() == b.getColumnDimension();
  }

  private static String shapes(List<RealMatrix> factors) {
    return String.join(", ", factors.stream().map(m -> m.getRowDimension() + " x " + m.getColumnDimension()).toList());
  }
}
