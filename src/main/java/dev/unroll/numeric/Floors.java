package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.linear.RealMatrix;

/**
 * The absolute floor under which two exact computations of one gradient may differ without either
 * being wrong ({@link Discrepancy}), measured rather than assumed.
 *
 * <p>Every exact source computes the gradient from the same weights by a different order of double
 * operations, so they differ by rounding errors of a few ulps, carried through the network. How far
 * such errors carry is a property of the network: a contractive one damps them, a chaotic one (tanh
 * with large weights over 200 stages) amplifies them until float64 cannot pin the gradient down
 * better than 1e-9, and NumPy and PyTorch disagree by that much. We measure it: the backward pass is
 * run again on the weights moved by {@value #ULPS} rounding errors each (seeded random signs), and the
 * floor is {@value #SAFETY} times how far its gradient moved. It is never below
 * {@code sqrt(n) MIN_NORMAL / eps} (about 1e-292 per entry), where doubles lose their precision to
 * underflow. If the moved weights put a piecewise activation on another piece (a relu input at its
 * kink), the measurement says nothing about rounding and only that least floor is used.
 */
public final class Floors {
  /** How many rounding errors each weight is moved by. */
  public static final double ULPS = 2;
  /** Safety factor on the measured movement. */
  public static final double SAFETY = 16;
  /** Below this, doubles are subnormal and lose relative precision. */
  static final double UNDERFLOW = Double.MIN_NORMAL / Math.ulp(1.0);

  private Floors() {}

  /** Per parameter, the floor over the sampled entries; {@code gradients} are the backward pass's at the weights. */
  static Map<String, Double> exact(UnrolledGraph graph, Params params, LossKind loss, Map<String, RealMatrix> gradients,
      EntrySample sample) {
    Map<String, RealMatrix> moved = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(20_260_117L);
    params.weights().forEach((name, w) -> {
      RealMatrix m = w.copy();
      for (int i = 0; i < m.getRowDimension(); i++) {
        for (int j = 0; j < m.getColumnDimension(); j++) {
          double x = m.getEntry(i, j);
          m.setEntry(i, j, x + (random.nextBoolean() ? 1 : -1) * ULPS * Math.ulp(x));
        }
      }
      moved.put(name, m);
    });
    Layout layout = new Layout(graph, params);
    boolean samePieces = !hasKinks(graph, layout) || signature(layout, params.weights()) == signature(layout, moved);
    Map<String, RealMatrix> again = samePieces
        ? new Backprop().gradients(new ForwardPass().run(layout, moved), seeds(graph, loss), null) : Map.of();
    Map<String, Double> out = new LinkedHashMap<>();
    sample.entries().forEach((name, entries) -> {
      double least = Math.sqrt(entries.size()) * UNDERFLOW;
      double movement = 0;
      if (samePieces) {
        for (EntrySample.Entry e : entries) {
          movement = Math.hypot(movement, gradients.get(name).getEntry(e.row(), e.col()) - again.get(name).getEntry(e.row(), e.col()));
        }
      }
      out.put(name, Double.isFinite(movement) ? Math.max(least, SAFETY * movement) : least);
    });
    return out;
  }

  /** Per parameter, the norm of finite differences' own error estimates over the compared entries. */
  static double norm(double[] errors) {
    double n = 0;
    for (double e : errors) {
      if (!Double.isNaN(e)) {
        n = Math.hypot(n, e);
      }
    }
    return n;
  }

  static List<dev.unroll.unroll.Node> seeds(UnrolledGraph graph, LossKind loss) {
    return loss == LossKind.LAST ? List.of(graph.lastLoss()) : graph.losses();
  }

  static boolean hasKinks(UnrolledGraph graph, Layout layout) {
    return graph.nodes().stream().anyMatch(n -> n.op() == Op.ACTIVATION && layout.activation(n).piecewise());
  }

  private static long signature(Layout layout, Map<String, RealMatrix> weights) {
    long[] hash = {1125899906842597L};
    new ForwardPass().run(layout, weights, branch -> hash[0] = 31 * hash[0] + branch + 1);
    return hash[0];
  }
}
