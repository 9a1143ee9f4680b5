package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;

/**
 * How a weight's gradient is written back to an author who sums over every step without limits, as
 * the Deep Learning book does ({@code \nabla_W L = \sum_t \dots}): the engine's series then runs over
 * the whole sequence, from stage 1 to the last, {@code \sum_{k=1}^{T}}. The engine's own limits are
 * stages of one reading of the claim's times ({@code \sum_{k=t-1}^{t+1}} when the author's {@code t}
 * was read as the middle stage), which say nothing about a sum over the whole sequence.
 */
final class GradientSeries {
  private GradientSeries() {}

  /**
   * {@code engine} over every stage when the author's side sums over every stage: its limits are then
   * {@link AbsoluteTimes}' stage number 1 and last stage, which {@link AbsoluteTimes#spell} writes as 1 and T.
   */
  static Expr overEveryStage(Expr engine, Expr authorSide) {
    if (!(engine instanceof Expr.Series x) || x.kind() != Expr.SeriesKind.SUM || !unlimitedSum(authorSide)) {
      return engine;
    }
    return new Expr.Series(x.kind(), x.index(), new Time(AbsoluteTimes.NUMBER, 1), new Time(AbsoluteTimes.LAST, 0), false,
        x.style(), x.body());
  }

  /** Whether the side is {@code \sum_t body}: a sum with an index and no limits. */
  private static boolean unlimitedSum(Expr side) {
    return side instanceof Expr.Apply a && a.function().equals("sum") && a.arguments().size() == 3
        && a.arguments().get(0) instanceof Expr.Symbol && a.arguments().get(1) instanceof Expr.Apply u
        && u.function().equals("empty");
  }
}
