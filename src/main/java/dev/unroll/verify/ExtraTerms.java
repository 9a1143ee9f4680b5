package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A sum with one term too many: the claim fails as written and holds, at every reading, once one of its
 * terms is dropped. The usual case is a many-to-one network whose loss reads the last output only,
 * where the author still adds {@code V^\top(\hat y - y)} to every earlier state's gradient, as if
 * every step had an output that feeds the loss.
 */
final class ExtraTerms {
  private ExtraTerms() {}

  /** The term whose removal makes {@code holds} true, and the sum without it; empty when no single term does. */
  static Optional<Dropped> of(Expr rhs, Predicate<Expr> holds) {
    if (!(rhs instanceof Expr.Sum s) || s.terms().size() < 2) {
      return Optional.empty();
    }
    for (int k = 0; k < s.terms().size(); k++) {
      List<Expr> rest = new ArrayList<>(s.terms());
      Expr term = rest.remove(k);
      Expr without = Expr.sum(rest);
      if (holds.test(without)) {
        return Optional.of(new Dropped(term, without));
      }
    }
    return Optional.empty();
  }

  /** The extra term and what the right side is without it. */
  record Dropped(Expr term, Expr rest) {}
}
