package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

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
    boolean changed = false;
    List<Statement> statements = new ArrayList<>();
    IdentityHashMap<Expr, Integer> offsets = new IdentityHashMap<>(parsed.offsets());
    for (Statement s : parsed.statements()) {
      List<Expr> sides = new ArrayList<>();
      for (Expr side : s.sides()) {
        Expr out = AdHocDeltas.normal(side);
        if (!out.equals(side)) {
          changed = true;
          offsets.put(out, parsed.offset(side, s.offset()));
        } else {
          out = side;
        }
        sides.add(out);
      }
      statements.add(new Statement(sides, s.offset(), s.inequality(), s.relation()));
    }
    return changed ? new ParsedMath(statements, parsed.environments(), offsets) : parsed;
  }
}
