package dev.unroll.numeric;

import dev.unroll.derive.Derivation;
import dev.unroll.derive.Factor;
import dev.unroll.derive.Term;
import dev.unroll.derive.Terminal;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DiagonalMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Evaluates the engine's chain-rule sum with numbers, in the lesson's chain notation: each factor
 * becomes its Jacobian (numerator layout, so the running product is a row vector
 * {@code r = dE/do . do/dq . V . ds/dz ...}), and each term ends in the outer product
 * {@code r^T v^T} with the other input v of the gate where the parameter enters. The terms are summed.
 *
 * <p>The Jacobians: cross-entropy followed by its softmax, the pair's {@code (o - y)^T} (1 x K, given
 * to the cross-entropy factor, and the softmax factor then the identity), never {@code -y^T / o^T},
 * which overflows once the target's probability underflows; a softmax alone {@code diag(o) - o o^T};
 * an activation {@code diag(f'(z))}; a multiplication gate passed towards its vector, its matrix;
 * an elementwise product, {@code diag(other)}; a negation, {@code -I}.
 *
 * <p>Consecutive terms of a derivation share their leading factors (they are found by one walk), so
 * the running products of the previous term are reused: a derivation of N terms of length O(N) costs
 * O(N) vector-matrix products, not O(N^2).
 */
public final class DerivedSum {
  /** dE/dP as the sum of every term, shaped like the parameter. */
  public RealMatrix evaluate(Derivation d, Tape tape) {
    RealMatrix sum = zero(d, tape);
    // Outer products r v^T are gathered and summed as one product [r_1 ... r_n] [v_1 ... v_n]^T.
    List<RealVector> rows = new ArrayList<>();
    List<RealVector> others = new ArrayList<>();
    List<Factor> previous = List.of();
    List<RealVector> prefix = new ArrayList<>();
    for (Term t : d.terms()) {
      List<Factor> factors = t.factors();
      int common = 0;
      while (common < factors.size() && common < previous.size() && factors.get(common).equals(previous.get(common))) {
        common++;
      }
      while (prefix.size() > common) {
        prefix.remove(prefix.size() - 1);
      }
      for (int k = common; k < factors.size(); k++) {
        RealVector r = k == 0 ? one() : prefix.get(k - 1);
        prefix.add(jacobian(factors, k, tape).preMultiply(r));
      }
      RealVector r = factors.isEmpty() ? one() : prefix.get(factors.size() - 1);
      if (t.end() instanceof Terminal.OtherInput o) {
        rows.add(r);
        others.add(tape.value(o.vector()));
      } else {
        sum = sum.add(terminal(t.end(), r, tape));
      }
      previous = factors;
    }
    if (!rows.isEmpty()) {
      sum = sum.add(columns(rows).multiplyTransposed(columns(others)));
    }
    return sum;
  }

  /** One term's contribution, computed from scratch. */
  public RealMatrix term(Term t, Tape tape) {
    RealVector r = one();
    for (int k = 0; k < t.factors().size(); k++) {
      r = jacobian(t.factors(), k, tape).preMultiply(r);
    }
    return terminal(t.end(), r, tape);
  }

  /**
   * The Jacobian of factor k of a chain, with a cross-entropy and the softmax it reads taken as one:
   * {@code (o - y)^T} at the cross-entropy, the identity at the softmax.
   */
  RealMatrix jacobian(List<Factor> factors, int k, Tape tape) {
    Factor f = factors.get(k);
    if (f instanceof Factor.Local l && SoftmaxCrossEntropy.fused(l.output()) && l.input().equals(l.output().input(0))
        && k + 1 < factors.size() && factors.get(k + 1) instanceof Factor.Local next && next.output().equals(l.input())) {
      RealVector o = tape.value(l.input());
      RealVector y = tape.value(l.output().input(1));
      return MatrixUtils.createRowRealMatrix(SoftmaxCrossEntropy.gradient(o, y).toArray());
    }
    if (f instanceof Factor.Local l && l.output().op() == Op.SOFTMAX && k > 0 && factors.get(k - 1) instanceof Factor.Local before
        && SoftmaxCrossEntropy.fused(before.output()) && before.input().equals(l.output())) {
      return MatrixUtils.createRealIdentityMatrix(tape.value(l.output()).getDimension());
    }
    return jacobian(f, tape);
  }

  /** The Jacobian of one factor alone, d(output)/d(input), rows indexed by the output. */
  public RealMatrix jacobian(Factor f, Tape tape) {
    if (f instanceof Factor.Local l) {
      Node out = l.output();
      if (out.op() == Op.CROSSENTROPY) {
        RealVector o = tape.value(out.input(0));
        RealVector y = tape.value(out.input(1));
        double[] row = new double[o.getDimension()];
        for (int i = 0; i < row.length; i++) {
          row[i] = l.input().equals(out.input(0))
              ? (y.getEntry(i) == 0 ? 0 : -y.getEntry(i) / o.getEntry(i))
              : -Math.log(o.getEntry(i));
        }
        return MatrixUtils.createRowRealMatrix(row);
      }
      if (out.op() == Op.SOFTMAX) {
        RealVector o = tape.value(out);
        return MatrixUtils.createRealDiagonalMatrix(o.toArray()).subtract(o.outerProduct(o));
      }
      if (out.op() == Op.ACTIVATION) {
        Nonlinearity fn = tape.layout().activation(out);
        RealVector z = tape.value(l.input());
        double[] d = new double[z.getDimension()];
        for (int i = 0; i < d.length; i++) {
          d[i] = fn.derivative(z.getEntry(i));
        }
        return new DiagonalMatrix(d);
      }
      throw new IllegalArgumentException("No local Jacobian for the gate " + out + ".");
    }
    if (f instanceof Factor.Through t) {
      return tape.weight(Layout.name(t.matrix()));
    }
    if (f instanceof Factor.Elementwise e) {
      return new DiagonalMatrix(tape.value(e.other()).toArray());
    }
    if (f instanceof Factor.Negative n) {
      double[] minus = new double[tape.value(n.gate()).getDimension()];
      java.util.Arrays.fill(minus, -1);
      return new DiagonalMatrix(minus);
    }
    throw new IllegalStateException("Unknown factor " + f);
  }

  private static RealMatrix terminal(Terminal end, RealVector r, Tape tape) {
    if (end instanceof Terminal.OtherInput o) {
      return r.outerProduct(tape.value(o.vector()));
    }
    if (end instanceof Terminal.Direct) {
      return MatrixUtils.createColumnRealMatrix(r.toArray());
    }
    if (end instanceof Terminal.ElementwiseWith e) {
      return MatrixUtils.createColumnRealMatrix(r.ebeMultiply(tape.value(e.other())).toArray());
    }
    throw new IllegalStateException("Unknown terminal " + end);
  }

  private static RealMatrix columns(List<RealVector> vectors) {
    RealMatrix m = MatrixUtils.createRealMatrix(vectors.get(0).getDimension(), vectors.size());
    for (int c = 0; c < vectors.size(); c++) {
      m.setColumnVector(c, vectors.get(c));
    }
    return m;
  }

  private static RealMatrix zero(Derivation d, Tape tape) {
    RealMatrix w = tape.weight(d.parameterName());
    return MatrixUtils.createRealMatrix(w.getRowDimension(), w.getColumnDimension());
  }

  private static RealVector one() {
    return new ArrayRealVector(new double[] {1});
  }
}
