package dev.unroll.numeric;

import java.util.List;
import java.util.Objects;

/**
 * How far one source's gradient of one parameter is from the reference's, over the entries both
 * computed, and whether that is within what the two computations can be expected to differ by.
 *
 * <p>The measure is normwise: {@code ||g - r||_2 / max(||g||_2, ||r||_2)} over the compared entries
 * (0 when both are zero). It is symmetric, at most 2, and not inflated by entries that are tiny
 * because the gradient has vanished through many stages, where an entrywise measure would compare
 * rounding noise with rounding noise. The worst entry (largest {@code |g - r|}) is kept to name.
 *
 * <p>A source passes when {@code ||g - r|| <= tolerance * max(||g||, ||r||) + floor}: the floor is an
 * absolute amount the two may differ by for reasons that are not errors, measured on this very
 * gradient ({@link Floors}): for an exact source, how far the gradient moves when every weight moves
 * by one rounding error (large in a chaotic network, where float64 itself cannot pin the gradient
 * down better), never below float64's smallest normal numbers; for finite differences, their own
 * Richardson error estimate.
 */
public record Discrepancy(Source source, String parameter, int entries, double relativeError,
    EntrySample.Entry worst, double value, double reference, double difference, double scale, double floor) {

  public Discrepancy {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(worst, "worst");
  }

  public boolean passed() {
    if (Double.isNaN(difference) || Double.isInfinite(difference) || Double.isInfinite(relativeError)) {
      return false;
    }
    return difference <= source.tolerance() * scale + floor;
  }

  /** The floor as a fraction of the gradient's norm, for reports (0 when the gradient is 0). */
  public double relativeFloor() {
    return scale == 0 ? 0 : floor / scale;
  }

  /** Compares {@code values} with {@code reference} at the same entries, with no floor. */
  public static Discrepancy measure(Source source, String parameter, List<EntrySample.Entry> at, double[] values, double[] reference) {
    return measure(source, parameter, at, values, reference, 0);
  }

  /** Compares {@code values} with {@code reference} at the same entries; {@code floor} is absolute. */
  public static Discrepancy measure(Source source, String parameter, List<EntrySample.Entry> at, double[] values, double[] reference,
      double floor) {
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
    if (at.isEmpty()) {
      return new Discrepancy(source, parameter, 0, 0, new EntrySample.Entry(0, 0), 0, 0, 0, 0, floor);
    }
    return new Discrepancy(source, parameter, at.size(), relative, at.get(worst), values[worst], reference[worst], diff,
        denominator, floor);
  }
}
