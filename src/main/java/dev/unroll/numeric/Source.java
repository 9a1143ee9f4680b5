package dev.unroll.numeric;

/**
 * A way of computing a gradient, with the relative error (see {@link Discrepancy}) it must reach
 * against the reference, forward-mode automatic differentiation, on top of an absolute floor measured
 * for each check ({@link Floors}). The exact sources compute the same quantity by different sequences
 * of double operations, so they agree to a small multiple of machine epsilon (about 1e-16) unless
 * something is wrong; 1e-12 leaves room for the growth of rounding over long chains, and the floor
 * for networks that amplify rounding further. Finite differences get the same relative tolerance,
 * but their floor adds twice their own Richardson error estimate ({@link FiniteDifferences}): a
 * disagreement is reported only when it exceeds what the method itself says it may be off by.
 */
public enum Source {
  BACKWARD_PASS("backward pass", "the backward pass", Source.EXACT),
  DERIVED_SUM("derived sum", "the derived sum", Source.EXACT),
  CONCRETE_FORM("concrete form", "its concrete form", Source.EXACT),
  MATRIX_FORM("matrix form", "its matrix form", Source.EXACT),
  ADJOINT_FORM("adjoint form", "its adjoint form", Source.EXACT),
  CLOSED_FORM("closed form", "its closed form", Source.EXACT),
  AUTOMATIC_DIFFERENTIATION("automatic differentiation", "forward-mode automatic differentiation", 0),
  FINITE_DIFFERENCES("finite differences", "central finite differences with Richardson extrapolation", Source.EXACT);

  /** Tolerance of the sources that compute the gradient exactly up to rounding. */
  public static final double EXACT = 1e-12;

  private final String label;
  private final String phrase;
  private final double tolerance;

  Source(String label, String phrase, double tolerance) {
    this.label = label;
    this.phrase = phrase;
    this.tolerance = tolerance;
  }

  /** How a sentence names it: "the backward pass", "its matrix form". */
  public String phrase() {
    return phrase;
  }

  /** How reports name it: "backward pass". */
  public String label() {
    return label;
  }

  public double tolerance() {
    return tolerance;
  }
}
