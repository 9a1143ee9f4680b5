package dev.unroll.numeric;

import java.util.List;
import java.util.Objects;

/**
 * How far one source's gradient of one parameter is from the reference's, over the entries both
 * computed.
 *
 * <p>The measure is normwise: {@code ||g - r||_2 / max(||g||_2, ||r||_2)} over the compared entries
 * (0 when both are zero). It is symmetric, at most 2, and not inflated by entries that are tiny
 * because the gradient has vanished through many stages, where an entrywise measure would compare
 * rounding noise with rounding noise. The worst entry (largest {@code |g - r|}) is kept to name.
 */
public record Discrepancy(Source source, String parameter, int entries, double relativeError,
    EntrySample.Entry worst, double value, double reference) {

  public Discrepancy {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(worst, "worst");
  }

  public boolean passed() {
    return relativeError <= source.tolerance();
  }

  /** Compares {@code values} with {@code reference} at the same entries. */
  public static Discrepancy measure(Source source, String parameter, List<EntrySample.Entry> at, double[] values, double[] reference) {
    double diff = 0;
    double a = 0;
    double b = 0;
    int worst = 0;
    double worstDiff = -1;
    for (int k = 0; k < at.size(); k++) {
      double d = Math.abs(values[k] - reference[k]);
      diff = Math.hypot(diff, d);
      a = Math.hypot(a, values[k]);
      b = Math.hypot(b, reference[k]);
      if (d > worstDiff || Double.isNaN(d)) {
        worstDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        worst = k;
      }
    }
    double denominator = Math.max(a, b);
    double relative = denominator == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : diff / denominator;
    if (Double.isNaN(relative)) {
      relative = Double.POSITIVE_INFINITY;
    }
    return new Discrepancy(source, parameter, at.size(), relative, at.get(worst), values[worst], reference[worst]);
  }
}
