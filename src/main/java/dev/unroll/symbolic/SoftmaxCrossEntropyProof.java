package dev.unroll.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Proves with Symja that the gradient of {@code -Log[softmax(q)_y]} with respect to {@code q_i} is
 * {@code o_i - [i = y]}, for {@value #CLASSES} classes with explicit entries {@code q1, q2, q3} and the
 * target class {@code y = 1}; every other target follows by relabelling the classes, which permutes
 * the entries of q. Each of the {@value #CLASSES} entries of the gradient is taken with {@code D}, and
 * the difference from {@code o_i - [i = 1]} must come out as 0 from {@code Together} after writing
 * each {@code q_k} as {@code Log[a_k]} (positive {@code a_k}: the exponentials become rational
 * functions), or failing that from {@code Simplify} of {@code Together} of it as it stands.
 */
public final class SoftmaxCrossEntropyProof {
  static final int CLASSES = 3;

  /** What was shown: the entries compared and how each difference reached 0. */
  public record Result(int classes, List<String> steps) {
    public Result {
      steps = List.copyOf(steps);
    }
  }

  private final SymjaSession session;

  SoftmaxCrossEntropyProof(SymjaSession session) {
    this.session = session;
  }

  /** @throws IllegalStateException if a difference does not simplify to 0 */
  public Result prove() {
    List<ISymbol> q = new ArrayList<>();
    List<ISymbol> a = new ArrayList<>();
    for (int k = 1; k <= CLASSES; k++) {
      q.add(F.symbol("q" + k));
      a.add(F.symbol("a" + k));
    }
    IExpr total = F.Plus(q.stream().map(F::Exp).toArray(IExpr[]::new));
    IExpr loss = F.Negate(F.Log(F.Divide(F.Exp(q.get(0)), total)));
    IExpr[] logs = new IExpr[CLASSES];
    for (int k = 0; k < CLASSES; k++) {
      logs[k] = F.Rule(q.get(k), F.Log(a.get(k)));
    }
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < CLASSES; i++) {
      IExpr claimed = F.Subtract(F.Divide(F.Exp(q.get(i)), total), i == 0 ? F.C1 : F.C0);
      IExpr difference = F.Subtract(F.D(loss, q.get(i)), claimed);
      String entry = "D[-Log[softmax(q)_1], q" + (i + 1) + "] = o" + (i + 1) + (i == 0 ? " - 1" : "");
      if (session.eval(F.Together(F.ReplaceAll(difference, F.List(logs)))).isZero()) {
        steps.add(entry + " (Together with q_k = Log[a_k] gives 0)");
      } else if (session.eval(F.Simplify(F.Together(difference))).isZero()) {
        steps.add(entry + " (Simplify of Together gives 0)");
      } else {
        throw new IllegalStateException("Symja could not show that " + entry + "; the softmax with cross-entropy "
            + "gradient o - y is unproved.");
      }
    }
    return new Result(CLASSES, steps);
  }
}
