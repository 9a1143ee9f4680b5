package dev.unroll.numeric;

/**
 * A way of computing a gradient, with the relative error (see {@link Discrepancy}) it must reach
 * against the reference, forward-mode automatic differentiation. The exact sources share one
 * tolerance: they compute the same quantity by different sequences of double operations, so they
 * agree to a small multiple of machine epsilon (about 1e-16) unless something is wrong; 1e-12 leaves
 * room for the growth of rounding over long chains. Finite differences carry a truncation and
 * rounding error near eps^(2/3) (see {@link FiniteDifferences}), so they get 1e-6.
 */
public enum Source {
  BACKWARD_PASS("backward pass", "the backward pass", Source.EXACT),
  DERIVED_SUM("derived sum", "the derived sum", Source.EXACT),
  CONCRETE_FORM("concrete form", "its concrete form", Source.EXACT),
  MATRIX_FORM("matrix form", "its matrix form", Source.EXACT),
  ADJOINT_FORM("adjoint form", "its adjoint form", Source.EXACT),
  CLOSED_FORM("closed form", "its closed form", Source.EXACT),
  AUTOMATIC_DIFFERENTIATION("automatic differentiation", "forward-mode automatic differentiation", 0),
  FINITE_DIFFERENCES("finite differences", "central finite differences", Source.APPROXIMATE);

  /** Tolerance of the sources that compute the gradient exactly up to rounding. */
  public static final double EXACT = 1e-12;
  /** Tolerance of central finite differences. */
  public static final double APPROXIMATE = 1e-6;

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
