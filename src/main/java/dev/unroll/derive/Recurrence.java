package dev.unroll.derive;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.Objects;

/**
 * What one term adds to the previous one when the terms of a sum form a single chain (the plain RNN
 * and the last loss): the repeated factor, written at a generic stage {@code k}, and what the delta
 * recursion needs. Found by comparing the derived terms, not assumed.
 *
 * @param chainFactor the added factors in chain notation, at stage k ({@code W \cdot \partial s_k/\partial z_k})
 * @param columnFactor the same in column form ({@code diag(1 - s_k^2) W^T})
 * @param firstDelta the column gradient at the newest term's gate ({@code delta_{t+1}})
 * @param first the newest term's stage
 * @param last the oldest term's stage
 * @param end how the parameter's term ends at stage k ({@code s_{k-1}^T}), absent for a bias
 */
public record Recurrence(Expr chainFactor, Expr columnFactor, Expr firstDelta, Time first, Time last, java.util.Optional<Expr> end) {
  public Recurrence {
    Objects.requireNonNull(chainFactor, "chainFactor");
    Objects.requireNonNull(columnFactor, "columnFactor");
    Objects.requireNonNull(firstDelta, "firstDelta");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(end, "end");
  }

  /** The generic stage index the recurrence is written at. */
  public static final Time K = new Time("k", 0);
}
