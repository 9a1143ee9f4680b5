package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.UnrolledGraph;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The value of every node after a forward pass (a loss is a vector of length one), with the parameter
 * matrices it used. What the backward pass and the evaluators of a derived sum read.
 */
public final class Tape {
  private final Layout layout;
  private final RealVector[] values;
  private final Map<String, RealMatrix> weights;

  Tape(Layout layout, RealVector[] values, Map<String, RealMatrix> weights) {
    this.layout = layout;
    this.values = values;
    this.weights = weights;
  }

  public UnrolledGraph graph() {
    return layout.graph();
  }

  Layout layout() {
    return layout;
  }

  /** A node's value; do not modify it. */
  public RealVector value(Node n) {
    RealVector v = values[n.id()];
    if (v == null) {
      throw new IllegalArgumentException(n + " is a parameter; read it with weight().");
    }
    return v;
  }

  /** The value of a cell variable at a stage, such as {@code s} at {@code t-1}. */
  public RealVector value(String name, Time time) {
    return value(graph().node(name, time).orElseThrow(() -> new IllegalArgumentException(
        "The unrolled graph of " + graph().steps() + " stages has no value " + name + " at " + time.spelled() + ".")));
  }

  /** A parameter's matrix (a bias is one column); do not modify it. */
  public RealMatrix weight(String name) {
    RealMatrix m = weights.get(name);
    if (m == null) {
      throw new IllegalArgumentException("The cell has no parameter '" + name + "'; it has " + String.join(", ", weights.keySet()) + ".");
    }
    return m;
  }

  /** E_{t+1} for {@link LossKind#LAST}, the sum of every stage's loss for {@link LossKind#TOTAL}. */
  public double loss(LossKind kind) {
    if (kind == LossKind.LAST) {
      return value(graph().lastLoss()).getEntry(0);
    }
    double sum = 0;
    // Oldest first, the order a training loop would add them.
    for (int i = graph().losses().size() - 1; i >= 0; i--) {
      sum += value(graph().losses().get(i)).getEntry(0);
    }
    return sum;
  }
}
