package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions a claim is written with, as in {@code \partial J/\partial s_t = ..., \qquad t < T}: for
 * each time letter, the last stage it may take. {@code T} is the last stage of the network.
 */
final class StageConditions {
  private StageConditions() {}

  /** The last stage per letter that the span's inequalities {@code t < T}, {@code t < 4}, {@code t \le 3} allow. */
  static Map<String, Integer> of(List<Statement> statements, int steps) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Statement s : statements) {
      if (!s.inequality() || s.sides().size() != 2 || !(s.sides().get(0) instanceof Expr.Symbol t) || t.time().isPresent()
          || !t.name().matches("[a-z]")) {
        continue;
      }
      Expr bound = s.sides().get(1);
      Integer limit = bound instanceof Expr.Num n ? Integer.valueOf((int) n.value())
          : bound instanceof Expr.Symbol b && b.name().equals("T") && b.time().isEmpty() ? Integer.valueOf(steps) : null;
      if (limit == null) {
        continue;
      }
      switch (s.relation()) {
        case "<", "lt" -> out.merge(t.name(), limit - 1, Math::min);
        case "le", "leq" -> out.merge(t.name(), limit, Math::min);
        default -> {
          // a lower bound (t > k) leaves the last stage as it is
        }
      }
    }
    return out;
  }
}
