package dev.unroll.numeric;

import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;

/**
 * Cross-entropy of a softmax, computed from the logits as every careful implementation does:
 * {@code E = -sum_i y_i (q_i - lse(q))} with {@code lse(q) = m + ln sum_j exp(q_j - m)}, m the
 * largest logit, and its gradient with respect to the logits {@code o (sum_i y_i) - y} ({@code o - y}
 * for a one-hot target). Neither forms {@code ln o_i} nor {@code -y_i / o_i}, which overflow once the
 * target's probability underflows (logits 712 apart); both are exact to rounding at any loss.
 */
final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /** True if the cross-entropy gate reads a softmax gate, so the pair is computed from the logits. */
  static boolean fused(Node crossEntropy) {
    return crossEntropy.op() == Op.CROSSENTROPY && crossEntropy.input(0).op() == Op.SOFTMAX;
  }

  /** {@code ln sum_j exp(q_j)} without overflow. */
  static double logSumExp(RealVector q) {
    double max = q.getMaxValue();
    if (Double.isInfinite(max)) {
      return max;
    }
    double sum = 0;
    for (int j = 0; j < q.getDimension(); j++) {
      sum += Math.exp(q.getEntry(j) - max);
    }
    return max + Math.log(sum);
  }

  /** {@code -sum_i y_i ln softmax(q)_i}; entries with {@code y_i = 0} contribute nothing. */
  static double loss(RealVector q, RealVector y) {
    double lse = logSumExp(q);
    double e = 0;
    for (int i = 0; i < q.getDimension(); i++) {
      if (y.getEntry(i) != 0) {
        e -= y.getEntry(i) * (q.getEntry(i) - lse);
      }
    }
    return e;
  }

  /** d/dq of {@link #loss}: {@code o (sum_i y_i) - y}, with o = softmax(q). */
  static RealVector gradient(RealVector o, RealVector y) {
    double total = 0;
    for (int i = 0; i < y.getDimension(); i++) {
      total += y.getEntry(i);
    }
    double[] g = new double[o.getDimension()];
    for (int i = 0; i < g.length; i++) {
      g[i] = o.getEntry(i) * total - y.getEntry(i);
    }
    return new ArrayRealVector(g, false);
  }

  /** {@code ln softmax(q)_i = q_i - lse(q)}: d E / d y_i is its negative. */
  static RealVector logProbabilities(RealVector q) {
    return q.mapSubtract(logSumExp(q));
  }
}
