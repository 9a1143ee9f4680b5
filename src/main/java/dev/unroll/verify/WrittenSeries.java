package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sum written out term by term, one term per stage ({@code \text{prod}(\delta_3, s_2) +
 * \text{prod}(\delta_2, s_1)}), and the terms that would continue it: each written term is the one
 * before with every time moved by the same step, so the next term one step further at either end is
 * what a sum that stops short leaves out. {@link Repairs} tries adding each; if one makes the claim
 * hold, that term is the missing term, named in the author's symbols.
 */
final class WrittenSeries {
  /** A term that would continue the written series at one end, and the right side with it added. */
  record Continuation(Expr term, Expr rhs) {}

  private WrittenSeries() {}

  /** The written sum continued one step past its last term and one step before its first; empty if it is no series. */
  static List<Continuation> continued(Expr rhs) {
    if (!(rhs instanceof Expr.Sum s) || s.terms().size() < 2) {
      return List.of();
    }
    List<Expr> terms = s.terms();
    Optional<Integer> step = step(terms.get(0), terms.get(1));
    if (step.isEmpty()) {
      return List.of();
    }
    for (int i = 1; i + 1 < terms.size(); i++) {
      if (!shifted(terms.get(i), step.get()).equals(terms.get(i + 1))) {
        return List.of();
      }
    }
    List<Continuation> out = new ArrayList<>();
    Expr after = shifted(terms.get(terms.size() - 1), step.get());
    if (!negativeStage(after)) {
      List<Expr> longer = new ArrayList<>(terms);
      longer.add(after);
      out.add(new Continuation(after, Expr.sum(longer)));
    }
    Expr before = shifted(terms.get(0), -step.get());
    if (!negativeStage(before)) {
      List<Expr> longer = new ArrayList<>(List.of(before));
      longer.addAll(terms);
      out.add(new Continuation(before, Expr.sum(longer)));
    }
    return out;
  }

  /** The step (one stage either way) that takes {@code a} to {@code b}, if moving every time of {@code a} by it does. */
  private static Optional<Integer> step(Expr a, Expr b) {
    if (!timed(a)) {
      return Optional.empty();
    }
    for (int d : new int[] {-1, 1}) {
      if (shifted(a, d).equals(b)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** {@code e} with every value's time moved by {@code d} stages. */
  static Expr shifted(Expr e, int d) {
    return Rewrite.shift(e, d);
  }

  private static boolean timed(Expr e) {
    boolean[] found = {false};
    Rewrite.bottomUp(e, x -> {
      found[0] |= x instanceof Expr.Symbol s && s.time().isPresent();
      return x;
    });
    return found[0];
  }

  /** Whether a stage number below zero is written (s_{-1} continues no series a document writes). */
  private static boolean negativeStage(Expr e) {
    boolean[] found = {false};
    Rewrite.bottomUp(e, x -> {
      found[0] |= x instanceof Expr.Symbol s && s.time().filter(t -> t.variable().equals(AbsoluteTimes.NUMBER)
          && t.offset() < 0).isPresent();
      return x;
    });
    return found[0];
  }
}
