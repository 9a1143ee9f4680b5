package dev.unroll.verify;

import dev.unroll.expr.Expr;

/**
 * {@code \mathrm{d}z^{<t>}} and {@code \mathrm{d}h_t}, as course code names the gradient at a value
 * ({@code dz}, {@code dh}), read as one name ({@code d:z} at time t, {@link AdHocDeltas#normal}) in
 * every statement, so that a displayed {@code \mathrm{d}z^{<t>} = ...} defines it for the engine's judges
 * as {@code \delta_t = ...} does, and claims that use it are judged with that definition.
 */
final class DifferentialNames {
  private DifferentialNames() {}

  /** The span's statements with every {@code d X_t} made the name {@code d:X_t}; the span itself when it has none. */
  static ParsedMath apply(ParsedMath parsed) {
    return parsed.withSides((s, k, side) -> {
      Expr out = AdHocDeltas.normal(side);
      return out.equals(side) ? side : out;
    });
  }
}
