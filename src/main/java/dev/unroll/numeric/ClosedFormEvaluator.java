package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import org.hipparchus.linear.RealMatrix;

/**
 * Evaluates the engine's closed form of a sum (see {@code derive.ClosedForm}) with numbers, in time
 * linear in the number of stages. For the newest loss, {@code \sum_k \prod_{j=k}^{t} F_j \delta_{t+1}
 * e_k^T} is computed from the newest term back, each step multiplying the running product by one more
 * {@code F_k}. For the total loss the double sum {@code \sum_i \sum_{k<=i} \prod_{j=k}^{i-1} F_j d_i
 * e_k^T} is regrouped by k (Horner's rule): {@code \Delta_k = d_k + F_k \Delta_{k+1}}, then
 * {@code \sum_k \Delta_k e_k^T}. Every factor is one of the recurrence's expressions, instantiated at
 * a stage and evaluated by {@link ExprEvaluator}.
 */
public final class ClosedFormEvaluator {
  private final ExprEvaluator evaluator;

  public ClosedFormEvaluator(Tape tape) {
    this.evaluator = new ExprEvaluator(tape);
  }

  /** The gradient the closed form over {@code r}'s stages gives, shaped like the parameter. */
  public RealMatrix evaluate(Recurrence r, LossKind loss) {
    int first = r.first().offset();
    int last = r.last().offset();
    RealMatrix carried = null;
    RealMatrix sum = null;
    for (int o = first; o >= last; o--) {
      Time stage = Time.t(o);
      if (o < first) {
        // One stage further back: carried = F_o carried (F written at k, instantiated at o).
        carried = evaluator.evaluate(Rewrite.retime(r.columnFactor(), Recurrence.K, stage)).multiply(carried);
      }
      if (loss == LossKind.TOTAL || o == first) {
        RealMatrix local = evaluator.evaluate(Rewrite.retime(r.firstDelta(), r.first(), stage));
        carried = carried == null ? local : carried.add(local);
      }
      RealMatrix term = r.end().isPresent()
          ? carried.multiplyTransposed(evaluator.evaluate(Rewrite.retime(r.end().get(), Recurrence.K, stage)))
          : carried;
      sum = sum == null ? term : sum.add(term);
    }
    return sum;
  }
}
