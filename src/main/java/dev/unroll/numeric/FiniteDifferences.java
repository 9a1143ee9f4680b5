package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.unroll.UnrolledGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;

/**
 * Central finite differences {@code (E(w + h) - E(w - h)) / 2h}, entry by entry, two forward passes
 * each.
 *
 * <p>The step: the truncation error of a central difference is about {@code h^2 |E'''| / 6} and the
 * rounding error about {@code eps |E| / h}; their sum is smallest near {@code h = eps^(1/3)} (about
 * 6.1e-6 for doubles, eps = 2^-52), where both are about {@code eps^(2/3)}, 4e-11 relative to the
 * loss. We scale it by {@code max(1, |w|)} so a large weight moves by the same relative amount, and
 * round {@code w + h} to a double so the step divided by is the step taken exactly.
 */
public final class FiniteDifferences {
  /** The cube root of double precision's machine epsilon, 2^-52. */
  public static final double STEP = Math.cbrt(Math.ulp(1.0));

  /** dE/dP at every sampled entry, in the sample's order. */
  public Map<String, double[]> gradients(UnrolledGraph graph, Params params, LossKind loss, EntrySample sample) {
    ForwardPass forward = new ForwardPass();
    Layout layout = new Layout(graph, params);
    Map<String, RealMatrix> weights = new LinkedHashMap<>(params.weights());
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<EntrySample.Entry>> e : sample.entries().entrySet()) {
      String name = e.getKey();
      double[] values = new double[e.getValue().size()];
      RealMatrix weight = weights.get(name);
      for (int k = 0; k < values.length; k++) {
        EntrySample.Entry at = e.getValue().get(k);
        double w = weight.getEntry(at.row(), at.col());
        double h = STEP * Math.max(1, Math.abs(w));
        double up = w + h;
        double down = w - h;
        weight.setEntry(at.row(), at.col(), up);
        double plus = forward.run(layout, weights).loss(loss);
        weight.setEntry(at.row(), at.col(), down);
        double minus = forward.run(layout, weights).loss(loss);
        weight.setEntry(at.row(), at.col(), w);
        values[k] = (plus - minus) / (up - down);
      }
      out.put(name, values);
    }
    return out;
  }
}
