package dev.unroll.verify;

import dev.unroll.derive.LocalCalculus;
import dev.unroll.expr.Expr;
import dev.unroll.numeric.ExprEvaluator;
import dev.unroll.numeric.Tape;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import java.util.HashMap;
import java.util.Map;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The total Jacobian {@code \partial a/\partial b} between two values of one seeded network, through
 * every path of the unrolled graph: what an author means by {@code \partial h_t/\partial h_k} (a product
 * of one-step Jacobians), {@code \partial s_t/\partial z_t} (the activation's derivative as a diagonal
 * matrix) or {@code \partial \hat y_t/\partial s_t}. Computed in forward mode from b to a, gate by gate,
 * with each gate's exact local Jacobian at the tape's values; the activation's slope is the engine's own
 * derivative ({@link LocalCalculus}), evaluated elementwise. Rows belong to a, columns to b.
 */
final class Jacobians {
  private final Tape tape;
  private final LocalCalculus calculus;
  private final Map<Integer, RealVector> slopes = new HashMap<>();

  Jacobians(Tape tape, LocalCalculus calculus) {
    this.tape = tape;
    this.calculus = calculus;
  }

  /**
   * {@code \partial a/\partial b}: zero when a does not depend on b.
   *
   * @throws IllegalArgumentException when either is a loss (its gradient is an adjoint, not a Jacobian)
   */
  RealMatrix of(Node a, Node b) {
    if (a.op() == Op.CROSSENTROPY || b.op() == Op.CROSSENTROPY) {
      throw new IllegalArgumentException("a loss's derivative is its adjoint, not a Jacobian between values");
    }
    int columns = tape.value(b).getDimension();
    Map<Integer, RealMatrix> tangent = new HashMap<>();
    tangent.put(b.id(), MatrixUtils.createRealIdentityMatrix(columns));
    for (Node n : tape.graph().nodes().subList(b.id() + 1, Math.max(b.id() + 1, a.id() + 1))) {
      RealMatrix t = forward(n, tangent);
      if (t != null) {
        tangent.put(n.id(), t);
      }
    }
    RealMatrix out = tangent.get(a.id());
    return out != null ? out : MatrixUtils.createRealMatrix(tape.value(a).getDimension(), columns);
  }

  /** The tangent of one gate from its inputs' tangents; null when none of its inputs depends on b. */
  private RealMatrix forward(Node n, Map<Integer, RealMatrix> tangent) {
    if (n.op().isLeaf() || n.op() == Op.CROSSENTROPY) {
      return null;
    }
    switch (n.op()) {
      case MATMUL: {
        RealMatrix t = tangent.get(n.input(1).id());
        return t == null ? null : tape.weight(n.input(0).name().orElseThrow().name()).multiply(t);
      }
      case ADD: {
        RealMatrix sum = null;
        for (Node in : n.inputs()) {
          RealMatrix t = tangent.get(in.id());
          sum = t == null ? sum : sum == null ? t : sum.add(t);
        }
        return sum;
      }
      case NEGATE: {
        RealMatrix t = tangent.get(n.input(0).id());
        return t == null ? null : t.scalarMultiply(-1);
      }
      case HADAMARD: {
        RealMatrix sum = null;
        for (int i = 0; i < 2; i++) {
          RealMatrix t = tangent.get(n.input(i).id());
          if (t != null) {
            RealMatrix part = rowScaled(t, tape.value(n.input(1 - i)));
            sum = sum == null ? part : sum.add(part);
          }
        }
        return sum;
      }
      case ACTIVATION: {
        RealMatrix t = tangent.get(n.input(0).id());
        return t == null ? null : rowScaled(t, slope(n));
      }
      case SOFTMAX: {
        RealMatrix t = tangent.get(n.input(0).id());
        if (t == null) {
          return null;
        }
        // d softmax(q)/dq = diag(o) - o o^T (bptt-math.md, "Three ways", 2)
        RealVector o = tape.value(n);
        RealMatrix local = MatrixUtils.createRealDiagonalMatrix(o.toArray()).subtract(o.outerProduct(o));
        return local.multiply(t);
      }
      default:
        throw new IllegalArgumentException("no Jacobian through the gate " + n);
    }
  }

  /** The activation's derivative at this gate, elementwise, as the engine writes it. */
  private RealVector slope(Node n) {
    return slopes.computeIfAbsent(n.id(), k -> {
      Expr d = calculus.activationDerivative(n.function(), n.label(), n.input(0).label());
      RealMatrix m = new ExprEvaluator(tape).evaluate(d);
      int size = tape.value(n).getDimension();
      // A derivative that is a number (the identity's 1) holds for every entry.
      return m.getRowDimension() == 1 && size > 1 ? new org.hipparchus.linear.ArrayRealVector(size, m.getEntry(0, 0))
          : m.getColumnVector(0);
    });
  }

  /** diag(v) t, without building the diagonal matrix. */
  private static RealMatrix rowScaled(RealMatrix t, RealVector v) {
    RealMatrix out = t.copy();
    for (int r = 0; r < out.getRowDimension(); r++) {
      for (int c = 0; c < out.getColumnDimension(); c++) {
        out.multiplyEntry(r, c, v.getEntry(r));
      }
    }
    return out;
  }
}
