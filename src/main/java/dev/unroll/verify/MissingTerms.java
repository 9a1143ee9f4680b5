package dev.unroll.verify;

import dev.unroll.derive.StatePaths;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.linear.RealMatrix;

/**
 * Says which terms a one-step Jacobian that failed leaves out. The engine's Jacobian of a state is a
 * sum over the paths between its two stages ({@link StatePaths#step}); when the written side equals
 * that sum less a few of its paths at every stage it was read at, those paths are the missing terms
 * (the GRU's route through the reset gate, the LSTM's routes through {@code h_{t-1}} and the gates),
 * and they are written out in the author's times and names.
 */
final class MissingTerms {
  /** At most this many paths are looked for among the left-out ones. */
  private static final int MOST = 3;

  private MissingTerms() {}

  /** The paths the written side leaves out, in the author's times, if leaving them out is exactly the difference. */
  static Optional<List<Expr>> of(AdjointClaims.Claim c, StageFrame frame, NumericWorld world, ClaimEvaluation ev) {
    if (c.kind() != AdjointClaims.Kind.STEP || ev.written.isEmpty()) {
      return Optional.empty();
    }
    List<List<RealMatrix>> terms = new ArrayList<>();
    List<RealMatrix> written = new ArrayList<>();
    List<RealMatrix> truth = new ArrayList<>();
    List<Expr> shown = null;
    try {
      for (Map.Entry<Map<String, Time>, RealMatrix> e : ev.written.entrySet()) {
        Time stage = ((Expr.Symbol) frame.engine(c.target(), e.getKey(), world.graph().first(), world.graph().last()))
            .time().orElseThrow();
        List<Expr> paths = paths(world.paths().step(world.graph(), c.target().name(), stage, StatePaths.Family.ALL_ROUTES));
        if (shown == null) {
          boolean freeTime = e.getKey().containsKey(c.target().time().orElseThrow().variable());
          shown = paths.stream().map(p -> c.transposed() ? p : dev.unroll.derive.Forms.transpose(p))
              .map(p -> freeTime ? Rewrite.retime(p, stage, c.target().time().orElseThrow()) : frame.author(p)).toList();
        } else if (paths.size() != shown.size()) {
          return Optional.empty();
        }
        List<RealMatrix> values = new ArrayList<>();
        RealMatrix sum = null;
        for (Expr p : paths) {
          RealMatrix v = world.evaluate(p);
          v = c.transposed() ? v : v.transpose();
          values.add(v);
          sum = sum == null ? ClaimEvaluation.dense(v) : sum.add(ClaimEvaluation.dense(v));
        }
        terms.add(values);
        written.add(e.getValue());
        truth.add(sum);
      }
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    int n = shown.size();
    for (int size = 1; size <= Math.min(MOST, n - 1); size++) {
      Optional<List<Integer>> left = leftOut(terms, written, truth, n, size, 0, new ArrayList<>());
      if (left.isPresent()) {
        List<Expr> out = new ArrayList<>();
        for (int i : left.get()) {
          out.add(shown.get(i));
        }
        return Optional.of(out);
      }
    }
    return Optional.empty();
  }

  private static Optional<List<Integer>> leftOut(List<List<RealMatrix>> terms, List<RealMatrix> written,
      List<RealMatrix> truth, int n, int size, int from, List<Integer> chosen) {
    if (chosen.size() == size) {
      for (int k = 0; k < written.size(); k++) {
        RealMatrix rest = truth.get(k);
        for (int i : chosen) {
          rest = rest.subtract(ClaimEvaluation.dense(terms.get(k).get(i)));
        }
        if (ClaimEvaluation.difference(written.get(k), rest) > AdjointClaims.TOLERANCE * 1e3) {
          return Optional.empty();
        }
      }
      return Optional.of(List.copyOf(chosen));
    }
    for (int i = from; i < n; i++) {
      chosen.add(i);
      Optional<List<Integer>> found = leftOut(terms, written, truth, n, size, i + 1, chosen);
      chosen.remove(chosen.size() - 1);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static List<Expr> paths(Expr step) {
    return step instanceof Expr.Sum s ? s.terms() : List.of(step);
  }
}
