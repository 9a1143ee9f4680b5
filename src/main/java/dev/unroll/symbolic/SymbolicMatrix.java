package dev.unroll.symbolic;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * A matrix of Symja expressions: a parameter, a column vector (one column), a row vector (one row),
 * or a scalar that broadcasts (the 1 in {@code 1 - s^2}, or the identity's derivative). Immutable.
 * Entries are built unevaluated; {@link #map} with an evaluating function settles them.
 */
final class SymbolicMatrix {
  private final IExpr[][] entries;
  private final boolean scalar;

  private SymbolicMatrix(IExpr[][] entries, boolean scalar) {
    this.entries = entries;
    this.scalar = scalar;
  }

  static SymbolicMatrix of(IExpr[][] entries) {
    IExpr[][] copy = new IExpr[entries.length][];
    for (int i = 0; i < entries.length; i++) {
      copy[i] = entries[i].clone();
    }
    return new SymbolicMatrix(copy, false);
  }

  static SymbolicMatrix column(IExpr[] values) {
    IExpr[][] e = new IExpr[values.length][1];
    for (int i = 0; i < values.length; i++) {
      e[i][0] = values[i];
    }
    return new SymbolicMatrix(e, false);
  }

  static SymbolicMatrix scalar(IExpr value) {
    return new SymbolicMatrix(new IExpr[][] {{value}}, true);
  }

  boolean isScalar() {
    return scalar;
  }

  int rows() {
    return entries.length;
  }

  int cols() {
    return entries[0].length;
  }

  IExpr get(int i, int j) {
    return scalar ? entries[0][0] : entries[i][j];
  }

  SymbolicMatrix map(UnaryOperator<IExpr> f) {
    IExpr[][] out = new IExpr[rows()][cols()];
    for (int i = 0; i < rows(); i++) {
      for (int j = 0; j < cols(); j++) {
        out[i][j] = f.apply(entries[i][j]);
      }
    }
    return new SymbolicMatrix(out, scalar);
  }

  /** Entrywise combination; a scalar broadcasts to the other's shape. */
  SymbolicMatrix zip(SymbolicMatrix other, BinaryOperator<IExpr> f, String what) {
    if (scalar && other.scalar) {
      return scalar(f.apply(get(0, 0), other.get(0, 0)));
    }
    SymbolicMatrix shape = scalar ? other : this;
    if (!scalar && !other.scalar && (rows() != other.rows() || cols() != other.cols())) {
      throw new IllegalArgumentException("Cannot " + what + " a " + shapeName() + " and a " + other.shapeName() + ".");
    }
    IExpr[][] out = new IExpr[shape.rows()][shape.cols()];
    for (int i = 0; i < shape.rows(); i++) {
      for (int j = 0; j < shape.cols(); j++) {
        out[i][j] = f.apply(get(i, j), other.get(i, j));
      }
    }
    return new SymbolicMatrix(out, false);
  }

  SymbolicMatrix plus(SymbolicMatrix other) {
    return zip(other, F::Plus, "add");
  }

  SymbolicMatrix hadamard(SymbolicMatrix other) {
    return zip(other, F::Times, "multiply elementwise");
  }

  SymbolicMatrix negate() {
    return map(F::Negate);
  }

  /** The matrix product; a scalar scales. */
  SymbolicMatrix times(SymbolicMatrix other) {
    if (scalar || other.scalar) {
      return hadamard(other);
    }
    if (cols() != other.rows()) {
      throw new IllegalArgumentException("Cannot multiply a " + shapeName() + " by a " + other.shapeName() + ".");
    }
    IExpr[][] out = new IExpr[rows()][other.cols()];
    for (int i = 0; i < rows(); i++) {
      for (int j = 0; j < other.cols(); j++) {
        IExpr[] terms = new IExpr[cols()];
        for (int k = 0; k < cols(); k++) {
          terms[k] = F.Times(entries[i][k], other.entries[k][j]);
        }
        out[i][j] = terms.length == 1 ? terms[0] : F.Plus(terms);
      }
    }
    return new SymbolicMatrix(out, false);
  }

  SymbolicMatrix transpose() {
    if (scalar) {
      return this;
    }
    IExpr[][] out = new IExpr[cols()][rows()];
    for (int i = 0; i < rows(); i++) {
      for (int j = 0; j < cols(); j++) {
        out[j][i] = entries[i][j];
      }
    }
    return new SymbolicMatrix(out, false);
  }

  /** {@code diag(v)} of a column or row vector; the diagonal matrix of a scalar acts as that scalar. */
  SymbolicMatrix diag() {
    if (scalar) {
      return this;
    }
    if (rows() != 1 && cols() != 1) {
      throw new IllegalArgumentException("diag needs a vector, got a " + shapeName() + ".");
    }
    int n = Math.max(rows(), cols());
    IExpr[][] out = new IExpr[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = i == j ? (rows() == 1 ? entries[0][i] : entries[i][0]) : F.C0;
      }
    }
    return new SymbolicMatrix(out, false);
  }

  String shapeName() {
    return scalar ? "scalar" : rows() + " x " + cols() + " matrix";
  }
}
