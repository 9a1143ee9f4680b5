package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import dev.unroll.cell.Declaration;
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
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IASTAppendable;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Checks a derived gradient against Symja's {@code D} of the fully unrolled loss, for small sizes.
 *
 * <p>At each seeded random point every leaf of the unrolled graph gets explicit entries: random
 * rationals in [-1, 1] for the parameters, inputs and initial states, a random one-hot vector for
 * each target. For each entry {@code P_ij} of the parameter, the loss ({@code E_{t+1}}, or the sum of
 * every stage's loss) is built in Symja node by node through every gate of the graph
 * ({@link GraphEvaluator}) as a function of that one entry, {@code D} is taken with respect to it, and
 * the result, at the entry's random value, is compared with entry {@code [i][j]} of the derived sum
 * (its concrete or matrix form, evaluated by {@link ConcreteEvaluator}) at the same point.
 *
 * <p>For speed, every quantity except the entry being differentiated is put in before {@code D} as an
 * exact rational, so the loss Symja differentiates is an exact function of one symbol, and the nodes
 * that do not depend on the parameter are built once per point. {@code D} itself is symbolic in the
 * entry. Its result and the derived sum are then evaluated at the point with {@value #DIGITS}-digit
 * arithmetic ({@code N[r, 50]} for each rational), bottom-up, so that each distinct subexpression
 * (the same {@code Tanh} of an early stage recurs throughout both) is evaluated once per point.
 *
 * <p>When no activation of the graph uses {@code Exp}, the rationals go in as {@value #DIGITS}-digit
 * numbers from the start instead ({@code N[r, 50]}), so Symja folds everything but the entry before
 * {@code D}: about twice as fast for tanh. With {@code Exp} in an activation (the sigmoid) that is
 * three times slower, because Symja then turns {@code E} itself into a number and tests every
 * numeric base against it at full precision inside {@code D}; such graphs keep exact rationals. The two values must agree to {@value #TOLERANCE_DIGITS} significant digits
 * (relative difference at most {@code 1e-30}, or absolute difference at most {@code 1e-40}).
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
  private final ISymbol entry = F.symbol("entry");

  /** @param activations the cell's activations by name ({@code cell.activations()}) */
  public SymbolicCrossCheck(SymjaSession session, Map<String, Activation> activations) {
    this.session = Objects.requireNonNull(session, "session");
    this.evaluator = new GraphEvaluator(session, activations);
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

  private CrossCheckResult compare(Derivation derivation, Expr derivedSum, Map<String, Integer> sizes, int points,
      long seed) {
    UnrolledGraph graph = derivation.graph();
    Node param = derivation.parameter();
    boolean[] depends = dependsOn(graph, param);
    List<Node> losses = derivation.loss() == LossKind.LAST ? List.of(graph.lastLoss()) : graph.losses();
    Random random = new Random(seed);
    boolean numericLeaves = !evaluator.activationsUseExp(graph);
    double worstAbsolute = 0;
    double worstRelative = 0;
    boolean passed = true;
    int entries = 0;
    for (int p = 0; p < points; p++) {
      Map<Node, SymbolicMatrix> leaves = randomLeaves(graph, sizes, random, numericLeaves);
      Map<Node, SymbolicMatrix> base = evaluator.forward(graph, leaves, Map.of(), n -> true);
      Map<IExpr, IExpr> shared = new HashMap<>();
      SymbolicMatrix derived = new ConcreteEvaluator(session, graph, base).evaluate(derivedSum)
          .map(x -> numeric(x, F.C0, shared, new HashMap<>()).value());
      SymbolicMatrix value = leaves.get(param);
      if (derived.isScalar() || derived.rows() != value.rows() || derived.cols() != value.cols()) {
        throw new IllegalArgumentException("The derived sum is a " + derived.shapeName() + ", but "
            + derivation.parameterName() + " is a " + value.shapeName() + ".");
      }
      entries = value.rows() * value.cols();
      for (int i = 0; i < value.rows(); i++) {
        for (int j = 0; j < value.cols(); j++) {
          IExpr exact = differentiate(graph, leaves, base, depends, losses, param, i, j, shared);
          IExpr claimed = derived.get(i, j);
          double absolute = session.eval(F.Abs(F.Subtract(exact, claimed))).evalDouble();
          double scale = Math.max(Math.abs(exact.evalDouble()), Math.abs(claimed.evalDouble()));
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
    return new CrossCheckResult(derivation.parameterName(), derivation.loss(), graph.steps(), used, entries, points,
        CrossCheckResult.Mode.NUMERIC, DIGITS, worstAbsolute, worstRelative, TOLERANCE, passed);
  }

  /** {@code D} of the unrolled loss with respect to entry (i, j) of the parameter, at its random value. */
  private IExpr differentiate(UnrolledGraph graph, Map<Node, SymbolicMatrix> leaves, Map<Node, SymbolicMatrix> base,
      boolean[] depends, List<Node> losses, Node param, int i, int j, Map<IExpr, IExpr> shared) {
    SymbolicMatrix value = leaves.get(param);
    IExpr[][] withSymbol = new IExpr[value.rows()][value.cols()];
    for (int r = 0; r < value.rows(); r++) {
      for (int c = 0; c < value.cols(); c++) {
        withSymbol[r][c] = r == i && c == j ? entry : value.get(r, c);
      }
    }
    Map<Node, SymbolicMatrix> symbolic = new HashMap<>(leaves);
    symbolic.put(param, SymbolicMatrix.of(withSymbol));
    Map<Node, SymbolicMatrix> values = evaluator.forward(graph, symbolic, base, n -> depends[n.id()]);
    IExpr[] terms = losses.stream().map(l -> values.get(l).get(0, 0)).toArray(IExpr[]::new);
    IExpr loss = terms.length == 1 ? terms[0] : session.eval(F.Plus(terms));
    IExpr derivative = session.eval(F.D(loss, entry));
    IExpr entryValue = session.eval(F.N(value.get(i, j), F.ZZ(DIGITS)));
    return numeric(derivative, entryValue, shared, new HashMap<>()).value();
  }

  /** A numeric value and whether it depends on the entry being differentiated. */
  private record Numeric(IExpr value, boolean hasEntry) {}

  /**
   * {@code e} at the point as a {@value #DIGITS}-digit number, evaluated bottom-up: each rational
   * becomes {@code N[r, 50]} and each function is applied to its arguments' numbers. Subexpressions
   * free of the entry are remembered across the whole point ({@code shared}: the derived sum and every
   * entry's derivative repeat the same {@code Tanh}s many times), the others for one entry only.
   */
  private Numeric numeric(IExpr e, IExpr entryValue, Map<IExpr, IExpr> shared, Map<IExpr, IExpr> local) {
    if (e.equals(entry)) {
      return new Numeric(entryValue, true);
    }
    IExpr known = shared.get(e);
    if (known != null) {
      return new Numeric(known, false);
    }
    known = local.get(e);
    if (known != null) {
      return new Numeric(known, true);
    }
    IExpr out;
    boolean hasEntry = false;
    if (e.isAST()) {
      IAST ast = (IAST) e;
      IASTAppendable rebuilt = F.ast(ast.head(), ast.argSize());
      for (int k = 1; k <= ast.argSize(); k++) {
        Numeric arg = numeric(ast.get(k), entryValue, shared, local);
        rebuilt.append(arg.value());
        hasEntry |= arg.hasEntry();
      }
      out = session.eval(rebuilt);
    } else {
      out = e.isNumber() ? session.eval(F.N(e, F.ZZ(DIGITS))) : e;
    }
    if (e.isAST() && !out.isNumber()) {
      out = session.eval(F.N(out, F.ZZ(DIGITS)));
    }
    (hasEntry ? local : shared).put(e, out);
    return new Numeric(out, hasEntry);
  }

  private Map<Node, SymbolicMatrix> randomLeaves(UnrolledGraph graph, Map<String, Integer> sizes, Random random,
      boolean numericLeaves) {
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
          e[r][c] = n.op() == Op.TARGET ? (r == hot ? F.C1 : F.C0)
              : leafValue(F.QQ(random.nextInt(2001) - 1000, 1000), numericLeaves);
        }
      }
      leaves.put(n, SymbolicMatrix.of(e));
    }
    return leaves;
  }

  private IExpr leafValue(IExpr rational, boolean numericLeaves) {
    return numericLeaves ? session.eval(F.N(rational, F.ZZ(DIGITS))) : rational;
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

  private static boolean[] dependsOn(UnrolledGraph graph, Node param) {
    boolean[] depends = new boolean[graph.nodes().size()];
    for (Node n : graph.nodes()) {
      depends[n.id()] = n.equals(param) || n.inputs().stream().anyMatch(i -> depends[i.id()]);
    }
    return depends;
  }
}
