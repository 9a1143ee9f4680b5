package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Checks a derived gradient against a derivative the engine did not write: forward-mode
 * differentiation through the unrolled graph with Symja's {@code D} for each gate
 * ({@link ForwardTangents}), at the lesson's own number of stages.
 *
 * <p>At each seeded random point every leaf of the unrolled graph gets explicit entries: random
 * rationals in [-1, 1] for the parameters, inputs and initial states (as {@value #DIGITS}-digit
 * numbers), a random one-hot vector for each target. Every node's value is computed in Symja
 * ({@link GraphEvaluator}); then the derivative of every node with respect to each entry
 * {@code P_ij} of the parameter is carried forward from the parameter to the loss
 * ({@code E_{t+1}}, or the sum of every stage's loss), and compared with entry {@code [i][j]} of the
 * derived sum (its concrete or matrix form, evaluated by {@link ConcreteEvaluator}) at the same point.
 * The two must agree to {@value #TOLERANCE_DIGITS} significant digits (relative difference at most
 * {@code 1e-30}, or absolute difference at most {@code 1e-40}).
 *
 * <p>Why this is still independent of the engine. The engine's sum comes from a backward walk
 * ({@code derive/}): from the loss back to the parameter, through the engine's own table of gate
 * rules (a product's Jacobian is the other factor, an activation's is {@code diag} of its derivative
 * written in terms of its output, softmax followed by cross-entropy is {@code o - y}), assembled into
 * one term per path of transposed Jacobians and outer products. None of that is used here: the
 * derivative travels the other way, from the parameter's entries towards the loss, and each gate's
 * rule is Symja's {@code D} of that gate written out entry by entry from the cell's definition (sums
 * of products, {@code Exp[q_i] / Total}, {@code -Sum[y_i Log[o_i]]}), with no Jacobian matrix,
 * transpose, {@code diag} or path in sight. A wrong sign, a missing or extra term, a transposed or
 * misplaced factor, or a wrong softmax/cross-entropy shortcut in the engine changes the derived sum
 * but not this derivative. What the two share is the unrolled graph itself (which node reads which)
 * and Symja's differentiation of the activation's definition; the numeric check (finite differences
 * on the lesson's own network) covers both. It replaces {@code D} of the whole unrolled loss, whose
 * size grows with the number of paths (exponentially in N); this is linear in N, and at N = 2 a test
 * compares the two routes entry by entry.
 *
 * <p>One instance checks many lessons of a cell: the gate rules Symja derived and the values and
 * derivatives of the nodes a lesson shares with the one checked before it ({@link ForwardMemo}: an
 * N-stage graph is the start of an (N+1)-stage one, at the same seeded leaves) are kept, so a site's
 * lessons at N = 1..8 cost about one check at 8, and each still gets exactly the numbers of its own N.
 *
 * <p>Holds a {@link SymjaSession}: use it on the thread that made the session.
 */
public final class SymbolicCrossCheck {
  /** Working precision of the numeric comparisons. */
  public static final int DIGITS = 50;
  /** Significant digits that must agree. */
  public static final int TOLERANCE_DIGITS = 30;
  public static final Map<String, Integer> DEFAULT_SIZES = Map.of("H", 2, "D", 2, "K", 2);
  public static final int DEFAULT_POINTS = 1;
  public static final long DEFAULT_SEED = 1L;
  private static final double TOLERANCE = 1e-30;
  private static final double ABSOLUTE_FLOOR = 1e-40;

  private final SymjaSession session;
  private final GraphEvaluator evaluator;
  private final ForwardTangents tangents;
  private final ForwardMemo memo = new ForwardMemo();

  /** @param activations the cell's activations by name ({@code cell.activations()}) */
  public SymbolicCrossCheck(SymjaSession session, Map<String, Activation> activations) {
    this.session = Objects.requireNonNull(session, "session");
    this.evaluator = new GraphEvaluator(session, activations);
    this.tangents = new ForwardTangents(session, evaluator);
  }

  /** The check at {@link #DEFAULT_SIZES}, {@link #DEFAULT_POINTS} point(s) and {@link #DEFAULT_SEED}. */
  public CrossCheckResult check(Derivation derivation, Expr derivedSum) {
    return check(derivation, derivedSum, DEFAULT_SIZES, DEFAULT_POINTS, DEFAULT_SEED);
  }

  /**
   * @param derivation the derivation whose graph, parameter and loss are checked
   * @param derivedSum its concrete or matrix form, which must evaluate to a matrix shaped like the
   *     parameter whose entry {@code [i][j]} is {@code dE/dP_ij}
   * @param sizes the size of each dimension letter of the cell ({@code H}, {@code D}, {@code K})
   * @param points how many random points to compare at
   */
  public CrossCheckResult check(Derivation derivation, Expr derivedSum, Map<String, Integer> sizes, int points,
      long seed) {
    if (points < 1) {
      throw new IllegalArgumentException("A cross-check needs at least one point, got " + points + ".");
    }
    return session.withPrecision(DIGITS, () -> compare(derivation, derivedSum, sizes, points, seed));
  }

  /**
   * The check of a gated cell's adjoint equations: each adjoint is evaluated in the system's order
   * from the values of the nodes and the adjoints before it, then the parameter's gradient from them
   * ({@link Adjoints#gradient}), and that is compared with the forward-mode derivative of the
   * system's loss, as {@link #check(Derivation, Expr)} compares a derived sum.
   */
  public CrossCheckResult check(AdjointSystem system, Adjoints adjoints, String parameter) {
    return check(system, adjoints, parameter, DEFAULT_SIZES, DEFAULT_POINTS, DEFAULT_SEED);
  }

  public CrossCheckResult check(AdjointSystem system, Adjoints adjoints, String parameter, Map<String, Integer> sizes,
      int points, long seed) {
    if (points < 1) {
      throw new IllegalArgumentException("A cross-check needs at least one point, got " + points + ".");
    }
    UnrolledGraph graph = system.graph();
    // The equations are written before any number is computed, so the symbolic work writing them
    // asks of the engine (the softmax with cross-entropy proof, the activations' derivatives) never
    // runs under the numeric precision set below, where Symja evaluates E as a number.
    Expr gradient = adjoints.gradient(system, parameter);
    List<Map.Entry<Expr, Expr>> equations = system.adjoints().stream()
        .map(a -> Map.entry(adjoints.lhs(system, a.variable()), adjoints.rhs(system, a))).toList();
    Function<Map<Node, SymbolicMatrix>, SymbolicMatrix> derived = values -> {
      Map<Expr, SymbolicMatrix> known = new HashMap<>();
      for (Map.Entry<Expr, Expr> equation : equations) {
        known.put(equation.getKey(), new ConcreteEvaluator(session, graph, values, known).evaluate(equation.getValue()));
      }
      return new ConcreteEvaluator(session, graph, values, known).evaluate(gradient);
    };
    return session.withPrecision(DIGITS, () -> compare(graph, graph.param(parameter), parameter, system.loss(),
        derived, sizes, points, seed));
  }

  private CrossCheckResult compare(Derivation derivation, Expr derivedSum, Map<String, Integer> sizes, int points,
      long seed) {
    UnrolledGraph graph = derivation.graph();
    return compare(graph, derivation.parameter(), derivation.parameterName(), derivation.loss(),
        values -> new ConcreteEvaluator(session, graph, values).evaluate(derivedSum), sizes, points, seed);
  }

  private CrossCheckResult compare(UnrolledGraph graph, Node param, String parameterName, LossKind loss,
      Function<Map<Node, SymbolicMatrix>, SymbolicMatrix> derivedAt, Map<String, Integer> sizes, int points,
      long seed) {
    List<Node> losses = loss == LossKind.LAST ? List.of(graph.lastLoss()) : graph.losses();
    Random random = new Random(seed);
    double worstAbsolute = 0;
    double worstRelative = 0;
    boolean passed = true;
    int entries = 0;
    for (int p = 0; p < points; p++) {
      Map<Node, SymbolicMatrix> exact = randomLeaves(graph, sizes, random);
      // The nodes this graph shares with the last one checked keep their values (ForwardMemo says why
      // they are this graph's own); the others are computed.
      Map<Node, SymbolicMatrix> known = memo.adopt(graph, exact);
      Map<Node, SymbolicMatrix> values = evaluator.forward(graph, numeric(exact), known, n -> !known.containsKey(n));
      memo.record(graph, exact, values);
      SymbolicMatrix derived = derivedAt.apply(values).map(this::number);
      SymbolicMatrix value = values.get(param);
      if (derived.isScalar() || derived.rows() != value.rows() || derived.cols() != value.cols()) {
        throw new IllegalArgumentException("The derived sum is a " + derived.shapeName() + ", but "
            + parameterName + " is a " + value.shapeName() + ".");
      }
      IExpr[][] forward = derivativesAt(graph, param, losses, values, memo.tangents(param));
      entries = value.rows() * value.cols();
      for (int i = 0; i < value.rows(); i++) {
        for (int j = 0; j < value.cols(); j++) {
          IExpr claimed = derived.get(i, j);
          double absolute = session.eval(F.Abs(F.Subtract(forward[i][j], claimed))).evalDouble();
          double scale = Math.max(Math.abs(forward[i][j].evalDouble()), Math.abs(claimed.evalDouble()));
          double relative = scale == 0 ? absolute : absolute / scale;
          worstAbsolute = Math.max(worstAbsolute, absolute);
          worstRelative = Math.max(worstRelative, relative);
          passed &= relative <= TOLERANCE || absolute <= ABSOLUTE_FLOOR;
        }
      }
    }
    Map<String, Integer> used = new TreeMap<>();
    for (Declaration d : graph.cell().declarations()) {
      d.shape().forEach(letter -> used.put(letter, size(sizes, letter)));
    }
    return new CrossCheckResult(parameterName, loss, graph.steps(), used, entries, points,
        CrossCheckResult.Mode.NUMERIC, DIGITS, worstAbsolute, worstRelative, TOLERANCE, passed);
  }

  /** How many nodes of the last checked graphs are kept for the next check, for tests. */
  int rememberedNodes() {
    return memo.size();
  }

  /**
   * The forward-mode derivative of the derivation's loss with respect to every entry of its
   * parameter, at the given leaves (exact or numeric; the result has {@value #DIGITS} digits).
   */
  IExpr[][] derivatives(Derivation derivation, Map<Node, SymbolicMatrix> leaves) {
    UnrolledGraph graph = derivation.graph();
    List<Node> losses = derivation.loss() == LossKind.LAST ? List.of(graph.lastLoss()) : graph.losses();
    return session.withPrecision(DIGITS, () -> derivativesAt(graph, derivation.parameter(), losses,
        evaluator.forward(graph, numeric(leaves), Map.of(), n -> true), new HashMap<>()));
  }

  private IExpr[][] derivativesAt(UnrolledGraph graph, Node param, List<Node> losses, Map<Node, SymbolicMatrix> values,
      Map<Integer, IExpr[][]> known) {
    IExpr[][] out = tangents.gradient(graph, values, param, losses, known);
    for (IExpr[] row : out) {
      for (int j = 0; j < row.length; j++) {
        row[j] = number(row[j]);
      }
    }
    return out;
  }

  /** Every leaf but the targets as a {@value #DIGITS}-digit number. */
  private Map<Node, SymbolicMatrix> numeric(Map<Node, SymbolicMatrix> leaves) {
    Map<Node, SymbolicMatrix> out = new HashMap<>();
    leaves.forEach((n, v) -> out.put(n, n.op() == Op.TARGET ? v : v.map(this::number)));
    return out;
  }

  private IExpr number(IExpr e) {
    return e.isInexactNumber() ? e : session.eval(F.N(e, F.ZZ(DIGITS)));
  }

  /**
   * Seeded random leaves as exact rationals: every parameter, input and initial state entry in
   * [-1, 1] in steps of 1/1000, each target a one-hot vector. The same graph, sizes and random
   * sequence give the same leaves.
   */
  static Map<Node, SymbolicMatrix> randomLeaves(UnrolledGraph graph, Map<String, Integer> sizes, Random random) {
    Map<Node, SymbolicMatrix> leaves = new HashMap<>();
    for (Node n : graph.nodes()) {
      if (!n.op().isLeaf() || n.op() == Op.CONSTANT) {
        continue;
      }
      String name = n.name().orElseThrow().name();
      Declaration d = graph.cell().declaration(name).orElseThrow(() -> new IllegalStateException(
          "The leaf " + name + " has no declaration."));
      int rows = size(sizes, d.shape().get(0));
      int cols = d.isMatrix() ? size(sizes, d.shape().get(1)) : 1;
      IExpr[][] e = new IExpr[rows][cols];
      int hot = random.nextInt(rows);
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          e[r][c] = n.op() == Op.TARGET ? (r == hot ? F.C1 : F.C0) : F.QQ(random.nextInt(2001) - 1000, 1000);
        }
      }
      leaves.put(n, SymbolicMatrix.of(e));
    }
    return leaves;
  }

  private static int size(Map<String, Integer> sizes, String letter) {
    Integer s = sizes.get(letter);
    if (s == null) {
      if (letter.matches("\\d+")) {
        return Integer.parseInt(letter);
      }
      throw new IllegalArgumentException("No size given for the dimension " + letter + "; sizes are " + sizes + ".");
    }
    return s;
  }
}
