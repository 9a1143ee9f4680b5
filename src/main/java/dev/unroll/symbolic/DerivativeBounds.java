package dev.unroll.symbolic;

import java.util.Optional;

/**
 * Where a check finds the largest |f'| of a built-in activation (by name): {@link ActivationBounds}
 * computes it with Symja; a caller may instead answer from remembered results (the command line uses
 * {@code explore.CachedBounds} behind the answer cache), so that a claim about the sigmoid's derivative
 * does not cost Symja's start on every run.
 */
@FunctionalInterface
public interface DerivativeBounds {
  /** The bound of the named activation, or empty when it is unknown or cannot be found. */
  Optional<ActivationBounds.Bound> maxAbsDerivative(String activation);
}
