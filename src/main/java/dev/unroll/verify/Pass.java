package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * One forward pass of an {@link AuthorNetwork}: each value per stage computed on first use from its
 * equation, stage by stage; a value before the first stage is the initial state (a leaf), one after
 * the last is zero (nothing flows back from a stage the network does not have). With a
 * {@link AuthorNetwork.Perturbation}, the one entry it names is moved and everything downstream
 * recomputed, so differences of passes are total derivatives.
 */
final class Pass {
  private final AuthorNetwork network;
  private final Optional<AuthorNetwork.Perturbation> perturbation;
  private final Map<String, RealMatrix> memo = new HashMap<>();
  private final Map<String, Boolean> busy = new HashMap<>();
  private final Map<Expr, Map<Integer, RealMatrix>> seen = new java.util.IdentityHashMap<>();

  Pass(AuthorNetwork network, Optional<AuthorNetwork.Perturbation> perturbation) {
    this.network = network;
    this.perturbation = perturbation;
  }

  AuthorNetwork network() {
    return network;
  }

  /** A value per stage: defined, a leaf (input, target), or zero after the last stage. */
  RealMatrix staged(String base, int stage, int[] hint) {
    if (stage < 0) {
      throw new AuthorNetwork.Missing(base + " at stage " + stage);
    }
    String key = base + "@" + stage;
    RealMatrix known = memo.get(key);
    if (known != null) {
      return known;
    }
    RealMatrix v;
    Expr rhs = network.staged.get(base);
    if (rhs != null && stage >= 1 && stage <= network.steps) {
      if (busy.put(key, true) != null) {
        throw new AuthorNetwork.Missing(base + " is defined through itself at stage " + stage);
      }
      v = new AuthorFormula(this, null, Map.of(equationVariable(base), stage), Map.of()).eval(rhs, hint);
      busy.remove(key);
    } else if (rhs != null && stage > network.steps) {
      int[] s = network.vector();
      v = MatrixUtils.createRealMatrix(s[0], s[1]);
    } else {
      v = moved(Optional.of(base), null, stage, network.leaf(base, stage, hint));
    }
    memo.put(key, v);
    return v;
  }

  /** A value without stages: the loss, a single output, a constant such as T. */
  RealMatrix timeless(String base, int[] hint) {
    RealMatrix known = memo.get(base);
    if (known != null) {
      return known;
    }
    Expr rhs = network.timeless.get(base);
    RealMatrix v;
    if (rhs != null) {
      if (busy.put(base, true) != null) {
        throw new AuthorNetwork.Missing(base + " is defined through itself");
      }
      v = new AuthorFormula(this, null, Map.of(), Map.of()).eval(rhs, hint);
      busy.remove(base);
    } else {
      v = moved(Optional.of(base), null, -1, network.leaf(base, -1, hint));
    }
    memo.put(base, v);
    return v;
  }

  /** The time variable a value's equation is written in ({@code t} almost always). */
  private String equationVariable(String base) {
    return network.variables.getOrDefault(base, "t");
  }

  /** {@code value}, with the perturbation applied when it names this leaf or this node at this stage. */
  RealMatrix moved(Optional<String> leaf, Expr node, int stage, RealMatrix value) {
    if (perturbation.isEmpty()) {
      return value;
    }
    AuthorNetwork.Perturbation p = perturbation.get();
    boolean hit = leaf.isPresent() ? p.leaf().equals(leaf) && p.stage() == stage
        : p.leaf().isEmpty() && p.node() == node && p.stage() == stage;
    if (!hit || p.row() >= value.getRowDimension() || p.column() >= value.getColumnDimension()) {
      return value;
    }
    RealMatrix m = value.copy();
    m.addToEntry(p.row(), p.column(), p.delta());
    return m;
  }

  /** Remembers the value a node of an equation took at a stage. */
  void record(Expr node, int stage, RealMatrix value) {
    seen.computeIfAbsent(node, k -> new HashMap<>()).put(stage, value);
  }

  /** The value a node of an equation took at a stage in this pass, or null. */
  RealMatrix seen(Expr node, int stage) {
    Map<Integer, RealMatrix> m = seen.get(node);
    return m == null ? null : m.get(stage);
  }

  /** The stage a formula node is being evaluated at, for node perturbations: its equation's one time variable. */
  static int stageOf(Map<String, Integer> times) {
    return times.size() == 1 ? times.values().iterator().next() : -1;
  }
}
