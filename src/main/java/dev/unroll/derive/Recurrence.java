package dev.unroll.derive;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one term adds to the previous one when the terms of a sum form a single chain (the plain RNN
 * and the last loss): the repeated factor, written at a generic stage {@code k}, and what the delta
 * recursion needs. Found by comparing the derived terms, not assumed.
 *
 * @param chainFactor the added factors in chain notation, at stage k ({@code W \cdot \partial s_k/\partial z_k})
 * @param columnFactor the same in column form ({@code diag(1 - s_k^2) W^T})
 * @param firstChain the newest term's chain without its end, in chain notation
 * @param firstDelta the column gradient at the newest term's gate ({@code delta_{t+1}})
 * @param first the newest term's stage
 * @param last the oldest term's stage
 * @param end the other input the parameter's term ends with at stage k ({@code s_{k-1}}), absent for a bias
 */
public record Recurrence(Expr chainFactor, Expr columnFactor, Expr firstChain, Expr firstDelta, Time first, Time last,
    java.util.Optional<Expr> end) {
  public Recurrence {
    Objects.requireNonNull(chainFactor, "chainFactor");
    Objects.requireNonNull(columnFactor, "columnFactor");
    Objects.requireNonNull(firstChain, "firstChain");
    Objects.requireNonNull(firstDelta, "firstDelta");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(end, "end");
  }

  /**
   * The same recurrence over {@code steps} stages ending at the same newest stage: the cell is the same
   * at every stage, so what one term adds to the next does not depend on how far back the sum goes.
   */
  public Recurrence over(int steps) {
    return new Recurrence(chainFactor, columnFactor, firstChain, firstDelta, first, first.plus(1 - steps), end);
  }

  /**
   * The delta at stage k of the total loss, where every stage's loss starts a walk of its own: the
   * newest term's delta written at stage k (the stage's own output error carried into its gate) plus
   * the next stage's delta carried back one stage, {@code delta_k = firstDelta_k + columnFactor_k
   * delta_{k+1}}, with the factors the two share on the left taken out, {@code D_k (V^T (o_k - y_k) +
   * W^T delta_{k+1})} for the simple RNN. Both parts are the engine's; only their sum is formed here.
   *
   * @param next the symbol of the next stage's delta, {@code delta_{k+1}}
   */
  public Expr totalDelta(Expr next) {
    List<Expr> own = factors(dev.unroll.expr.Rewrite.retime(firstDelta, first, K));
    List<Expr> carried = new ArrayList<>(factors(columnFactor));
    carried.add(next);
    int shared = 0;
    while (shared < own.size() - 1 && shared < carried.size() - 1 && own.get(shared).equals(carried.get(shared))) {
      shared++;
    }
    Expr sum = new Expr.Sum(List.of(Expr.juxtapose(own.subList(shared, own.size())),
        Expr.juxtapose(carried.subList(shared, carried.size()))));
    List<Expr> out = new ArrayList<>(own.subList(0, shared));
    out.add(sum);
    return Expr.juxtapose(out);
  }

  private static List<Expr> factors(Expr e) {
    return e instanceof Expr.Product p && p.style() == Expr.ProductStyle.JUXTAPOSE ? p.factors() : List.of(e);
  }

  /** The generic stage index the recurrence is written at. */
  public static final Time K = new Time("k", 0);
}
