package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;

/**
 * Central finite differences with Richardson extrapolation and an error estimate, entry by entry.
 *
 * <p>For a step h, {@code D(h) = (E(w + h) - E(w - h)) / 2h} has truncation error
 * {@code c2 h^2 + c4 h^4 + ...}; {@code R = (4 D(h/2) - D(h)) / 3} cancels the h^2 term, and
 * {@code |D(h) - D(h/2)| / 3} estimates the error left in {@code D(h/2)}, a bound on R's. Rounding
 * adds about {@code eps (|E(w+h)| + |E(w-h)|) / h}: we add that too, so the estimate covers both.
 * The step is chosen per entry: from {@code h = eps^(1/5) max(1, |w|)} (where the extrapolated
 * truncation error h^4 meets rounding eps/h) it is halved while that lowers the estimate, at most
 * {@value #TRIES} times; the value with the smallest estimate is kept. Each step is rounded so that
 * {@code w + h} is a double and the step divided by is the step taken.
 *
 * <p>An entry whose steps cross a kink of a piecewise activation ({@code Max}, {@code Abs}, ...) at
 * every tried step, such as a relu input exactly at 0, has no finite difference: the loss is not
 * smooth there. Such an entry is <em>excluded</em> and listed, never silently compared. A crossing is
 * seen by recording which piece every piecewise activation took ({@link Nonlinearity.Branches}) in
 * each forward pass and comparing with the pass at w.
 */
public final class FiniteDifferences {
  /** The fifth root of double precision's machine epsilon, 2^-52: the first step, relative to max(1, |w|). */
  public static final double STEP = Math.pow(Math.ulp(1.0), 0.2);
  /** Steps tried per entry. */
  static final int TRIES = 4;

  /**
   * What finite differences give: per parameter, the value and the error estimate at every sampled
   * entry (NaN at an excluded one), and the entries excluded because every step crossed a kink.
   */
  public record Result(Map<String, double[]> values, Map<String, double[]> errors, Map<String, List<EntrySample.Entry>> excluded) {
    public Result {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
      excluded = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
    }

    public int excludedCount() {
      return excluded.values().stream().mapToInt(List::size).sum();
    }
  }

  /** dE/dP at every sampled entry, in the sample's order (NaN where a kink excludes the entry). */
  public Map<String, double[]> gradients(UnrolledGraph graph, Params params, LossKind loss, EntrySample sample) {
    return run(graph, params, loss, sample).values();
  }

  public Result run(UnrolledGraph graph, Params params, LossKind loss, EntrySample sample) {
    Layout layout = new Layout(graph, params);
    boolean kinks = graph.nodes().stream().anyMatch(n -> n.op() == Op.ACTIVATION && layout.activation(n).piecewise());
    Map<String, RealMatrix> weights = new LinkedHashMap<>();
    params.weights().forEach((k, v) -> weights.put(k, v.copy()));
    Pass pass = new Pass(layout, weights, loss, kinks);
    long base = pass.signature();
    Map<String, double[]> values = new LinkedHashMap<>();
    Map<String, double[]> errors = new LinkedHashMap<>();
    Map<String, List<EntrySample.Entry>> excluded = new LinkedHashMap<>();
    for (Map.Entry<String, List<EntrySample.Entry>> e : sample.entries().entrySet()) {
      String name = e.getKey();
      double[] value = new double[e.getValue().size()];
      double[] error = new double[value.length];
      List<EntrySample.Entry> out = new ArrayList<>();
      RealMatrix weight = weights.get(name);
      for (int k = 0; k < value.length; k++) {
        EntrySample.Entry at = e.getValue().get(k);
        double[] best = entry(pass, weight, at, base);
        value[k] = best[0];
        error[k] = best[1];
        if (Double.isNaN(best[0])) {
          out.add(at);
        }
      }
      values.put(name, value);
      errors.put(name, error);
      if (!out.isEmpty()) {
        excluded.put(name, out);
      }
    }
    return new Result(values, errors, excluded);
  }

  /** {value, error estimate} of one entry; {NaN, NaN} if every step crosses a kink. */
  private static double[] entry(Pass pass, RealMatrix weight, EntrySample.Entry at, long base) {
    double w = weight.getEntry(at.row(), at.col());
    double h = STEP * Math.max(1, Math.abs(w));
    double[] best = {Double.NaN, Double.NaN};
    double[] wide = null;
    for (int t = 0; t <= TRIES; t++, h /= 2) {
      double[] d = central(pass, weight, at, w, h, base);
      if (d == null) {
        wide = null;
        continue;
      }
      if (wide != null) {
        double extrapolated = (4 * d[0] - wide[0]) / 3;
        double estimate = Math.abs(wide[0] - d[0]) / 3 + 3 * (wide[1] + d[1]);
        if (Double.isNaN(best[1]) || estimate < best[1]) {
          best = new double[] {extrapolated, estimate};
        } else {
          break;
        }
      }
      wide = d;
    }
    weight.setEntry(at.row(), at.col(), w);
    return best;
  }

  /** {D(h), its rounding error} at w, or null if w + h or w - h lies on another piece than w. */
  private static double[] central(Pass pass, RealMatrix weight, EntrySample.Entry at, double w, double h, long base) {
    double up = w + h;
    double down = w - h;
    weight.setEntry(at.row(), at.col(), up);
    double plus = pass.loss();
    boolean crossed = pass.signature() != base;
    weight.setEntry(at.row(), at.col(), down);
    double minus = pass.loss();
    crossed |= pass.signature() != base;
    weight.setEntry(at.row(), at.col(), w);
    if (crossed) {
      return null;
    }
    double rounding = Math.ulp(1.0) * (Math.abs(plus) + Math.abs(minus)) / (up - down);
    return new double[] {(plus - minus) / (up - down), rounding};
  }

  /** One forward pass on the (perturbed) weights, remembering the pieces its activations took. */
  private static final class Pass implements Nonlinearity.Branches {
    private final Layout layout;
    private final Map<String, RealMatrix> weights;
    private final LossKind loss;
    private final boolean kinks;
    private long hash;
    private long last;

    Pass(Layout layout, Map<String, RealMatrix> weights, LossKind loss, boolean kinks) {
      this.layout = layout;
      this.weights = weights;
      this.loss = loss;
      this.kinks = kinks;
      loss();
    }

    double loss() {
      hash = 1125899906842597L;
      double e = new ForwardPass().run(layout, weights, kinks ? this : null).loss(loss);
      last = hash;
      return e;
    }

    /** A hash of every piece taken in the last pass. */
    long signature() {
      return last;
    }

    @Override
    public void took(int branch) {
      hash = 31 * hash + branch + 1;
    }
  }
}
