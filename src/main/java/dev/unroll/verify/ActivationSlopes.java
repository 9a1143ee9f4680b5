package dev.unroll.verify;

import org.hipparchus.linear.RealMatrix;

/**
 * The derivative of an activation, entry by entry, at the argument's value: what a document writes as
 * {@code \tanh'(z_t)}, {@code \sigma'(a_t)} or {@code \phi'(a_t)} for the activation {@code \phi} it names.
 */
final class ActivationSlopes {
  private ActivationSlopes() {}

  /** {@code f'(x)} entry by entry; unreadable for a function that is not an activation this knows. */
  static RealMatrix of(String activation, RealMatrix x) {
    RealMatrix out = x.copy();
    for (int i = 0; i < x.getRowDimension(); i++) {
      for (int j = 0; j < x.getColumnDimension(); j++) {
        out.setEntry(i, j, slope(activation, x.getEntry(i, j)));
      }
    }
    return out;
  }

  private static double slope(String activation, double v) {
    switch (activation) {
      case "tanh": {
        double t = Math.tanh(v);
        return 1 - t * t;
      }
      case "sigma", "sigmoid": {
        double s = 1 / (1 + Math.exp(-v));
        return s * (1 - s);
      }
      case "relu":
        return v > 0 ? 1 : 0;
      case "identity":
        return 1;
      default:
        throw new AuthorFormula.Unreadable("the derivative of " + activation);
    }
  }
}
