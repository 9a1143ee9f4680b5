package dev.unroll.numeric;

import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Evaluates every gate of an unrolled graph in topological order with Hipparchus vectors. Softmax
 * subtracts the largest entry first so no exponential overflows; cross-entropy of a softmax is
 * computed from its logits ({@link SoftmaxCrossEntropy}), never as {@code ln o_i}. Activations are the
 * cell's own definitions, compiled ({@link Nonlinearity}).
 */
public final class ForwardPass {
  public Tape run(UnrolledGraph graph, Params params) {
    return run(new Layout(graph, params), params.weights());
  }

  /** The forward pass with the layout's leaves but other parameter values (what a finite difference perturbs). */
  Tape run(Layout layout, Map<String, RealMatrix> weights) {
    return run(layout, weights, null);
  }

  /**
   * The forward pass, telling {@code branches} which piece every piecewise activation took at every
   * entry (so two passes that took the same pieces lie on one smooth piece of the loss).
   */
  Tape run(Layout layout, Map<String, RealMatrix> weights, Nonlinearity.Branches branches) {
    UnrolledGraph graph = layout.graph();
    RealVector[] v = new RealVector[graph.nodes().size()];
    for (Node n : graph.nodes()) {
      v[n.id()] = evaluate(n, v, layout, weights, branches);
    }
    return new Tape(layout, v, weights);
  }

  private static RealVector evaluate(Node n, RealVector[] v, Layout layout, Map<String, RealMatrix> weights,
      Nonlinearity.Branches branches) {
    Op op = n.op();
    if (op == Op.PARAM) {
      RealMatrix m = weights.get(Layout.name(n));
      // A bias is a one-column parameter and flows on as a vector; a matrix is only read by MATMUL.
      return m.getColumnDimension() == 1 ? m.getColumnVector(0) : null;
    }
    if (op.isLeaf()) {
      return layout.leaf(n);
    }
    switch (op) {
      case MATMUL: {
        Node matrix = n.input(0);
        if (matrix.op() != Op.PARAM) {
          throw new IllegalArgumentException("The gate " + n + " multiplies by something that is not a parameter; matrices in a cell must be parameters.");
        }
        return weights.get(Layout.name(matrix)).operate(v[n.input(1).id()]);
      }
      case ADD: {
        RealVector sum = v[n.input(0).id()].copy();
        for (int i = 1; i < n.inputs().size(); i++) {
          sum = sum.add(v[n.input(i).id()]);
        }
        return sum;
      }
      case NEGATE:
        return v[n.input(0).id()].mapMultiply(-1);
      case HADAMARD:
        return v[n.input(0).id()].ebeMultiply(v[n.input(1).id()]);
      case ACTIVATION: {
        Nonlinearity f = layout.activation(n);
        if (branches == null || !f.piecewise()) {
          return v[n.input(0).id()].map(f::value);
        }
        return v[n.input(0).id()].map(z -> f.value(z, branches));
      }
      case SOFTMAX:
        return softmax(v[n.input(0).id()]);
      case CROSSENTROPY: {
        if (SoftmaxCrossEntropy.fused(n)) {
          double e = SoftmaxCrossEntropy.loss(v[n.input(0).input(0).id()], v[n.input(1).id()]);
          return new org.hipparchus.linear.ArrayRealVector(new double[] {e}, false);
        }
        RealVector o = v[n.input(0).id()];
        RealVector y = v[n.input(1).id()];
        double e = 0;
        for (int i = 0; i < o.getDimension(); i++) {
          if (y.getEntry(i) != 0) {
            e -= y.getEntry(i) * Math.log(o.getEntry(i));
          }
        }
        return new org.hipparchus.linear.ArrayRealVector(new double[] {e}, false);
      }
      default:
        throw new IllegalStateException("Unknown gate " + op);
    }
  }

  static RealVector softmax(RealVector q) {
    double max = q.getMaxValue();
    RealVector e = q.mapSubtract(max).map(Math::exp);
    return e.mapDivide(e.getL1Norm());
  }
}
