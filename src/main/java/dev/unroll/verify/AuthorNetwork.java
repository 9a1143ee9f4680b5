package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The network a document writes, taken literally: its own forward equations ({@code h_t = \tanh(W_{xh}
 * x_t + W_{hh} h_{t-1} + b_h)}, {@code p_t = \operatorname{softmax}(y_t)}) and its own loss
 * ({@code L = -\sum_t \log p_{t,c_t}}, {@code E = \frac12 \sum_t (\hat y_t - y_t)^2}), biases, initial
 * state, mean or sum, evaluated on seeded random values. Every symbol the equations leave undefined is
 * given a value: a capital letter a 3 x 3 weight, anything else a vector of 3 (a scalar where it is
 * added to or multiplies a scalar), a target one-hot where the document says so or uses a softmax, a
 * target index {@code c_t} a random position; with no capital weight at all every value is a scalar.
 * Vectors are columns, or rows when the state's equation writes the vector before its weight
 * ({@code x_t W_x}). Nothing here comes from the engine: the gradient of any value by any other is
 * a central finite difference over the whole forward pass, so it is the derivative in the author's
 * own network, whatever its loss.
 */
final class AuthorNetwork {
  static final int SIZE = 3;
  /** The number of stages a document that never fixes its horizon {@code T} is judged at. */
  static final int OPEN_HORIZON = 4;
  /** Letters that index stages or components, never values. */
  static final Set<String> INDEX_LETTERS = Set.of("t", "k", "i", "j", "n", "m", "T", "N");
  private static final double EPS = 1e-6;
  static final Set<String> LOSSES = Set.of("E", "L", "J", "C", "\\ell", "\\mathcal", "l", "\\mathcal{L}");

  /** A formula names a value the network does not have (a stage before the first, a name never defined). */
  static final class Missing extends RuntimeException {
    Missing(String what) {
      super(what, null, false, false);
    }
  }

  final Map<String, Expr> staged = new LinkedHashMap<>();
  final Map<String, Expr> timeless = new LinkedHashMap<>();
  final Set<String> stagedLeaves = new TreeSet<>();
  final Set<String> paramLeaves = new TreeSet<>();
  final Set<String> targets = new TreeSet<>();
  final Set<String> zeroAtStart = new TreeSet<>();
  /** The time variable each value's equation is written in ({@code t} of {@code h_t}, {@code k} of {@code h_k}). */
  final Map<String, String> variables = new LinkedHashMap<>();
  /** Values per stage the author defines as gradients (by a derivative, or from later stages): deltas by another name. */
  final Set<String> backward = new TreeSet<>();
  /** A value whose right side is written out again inside another value's equation: that node. */
  final Map<String, Expr> occurrences = new LinkedHashMap<>();
  /** Activations written as letters ({@code \phi}), and the function the text says each is. */
  final Map<String, String> letters = new LinkedHashMap<>();
  final Set<Statement> definitions = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  final int steps;
  final int size;
  final boolean rows;
  final boolean oneHot;
  /** Whether the document never fixes its horizon and is judged at {@link #OPEN_HORIZON} stages. */
  boolean openHorizon;
  final String loss;
  private final Map<String, int[]> shapes = new LinkedHashMap<>();

  private AuthorNetwork(int steps, int size, boolean rows, boolean oneHot, String loss) {
    this.steps = steps;
    this.size = size;
    this.rows = rows;
    this.oneHot = oneHot;
    this.loss = loss;
  }

  /**
   * The network the statements define, if they define a value per stage that holds its own previous
   * value and a loss.
   *
   * @param statements every statement of the document, inline and displayed, in order
   * @param prose the document's prose
   */
  static Optional<AuthorNetwork> read(List<Statement> statements, String prose) {
    Map<String, Expr> staged = new LinkedHashMap<>();
    Map<String, Statement> stagedAt = new LinkedHashMap<>();
    Map<String, String> variables = new LinkedHashMap<>();
    Set<String> backward = new TreeSet<>();
    Map<String, Expr> timeless = new LinkedHashMap<>();
    Set<String> zero = new TreeSet<>();
    List<Statement> used = new ArrayList<>();
    int steps = 0;
    boolean open = false;
    for (Statement s : statements) {
      for (Expr side : s.sides()) {
        steps = Math.max(steps, FormulaFacts.upperLimits(side));
        if (FormulaFacts.countsFromZero(side)) {
          // stages numbered from 0 (x_0 the first input, s_{-1} the initial state): not this reader's numbering
          return Optional.empty();
        }
      }
      if (!s.isEquation() || s.sides().size() != 2) {
        continue;
      }
      Expr lhs = s.sides().get(0);
      Expr rhs = s.sides().get(1);
      if (lhs instanceof Expr.Symbol b && b.time().isPresent() && !AdHocDeltas.deltaLike(b.name())
          && (FormulaFacts.hasPartial(rhs) || FormulaFacts.future(rhs))) {
        // g_t = \partial L/\partial h_t, g_t = e_t W_y^T + r_{t+1} W_h: a gradient the author names, not a forward value
        backward.add(b.name());
      }
      if (!(lhs instanceof Expr.Symbol l) || AdHocDeltas.deltaLike(l.name()) || FormulaFacts.hasPartial(rhs) || AdHocDeltas.mentions(rhs)) {
        continue;
      }
      if (l.time().isPresent() && l.time().get().offset() == 0 && !staged.containsKey(l.name())) {
        staged.put(l.name(), rhs);
        stagedAt.put(l.name(), s);
        variables.put(l.name(), l.time().get().variable());
        used.add(s);
      } else if (l.time().isEmpty() && l.name().matches(".*_0") && FormulaFacts.isZero(rhs)) {
        zero.add(l.name().substring(0, l.name().length() - 2));
      } else if (l.time().isEmpty() && !l.name().matches(".*_\\d+") && !timeless.containsKey(l.name())
          && !(INDEX_LETTERS.contains(l.name()) && !l.name().equals("T"))
          && !l.name().startsWith("\\text")) {
        timeless.put(l.name(), LOSSES.contains(l.name()) ? CrossEntropySums.asProducts(rhs, variables.values()) : rhs);
        if (l.name().equals("T") && rhs instanceof Expr.Num n) {
          steps = Math.max(steps, (int) n.value());
        }
        used.add(s);
      }
    }
    // whatever is computed from a named gradient is backward too (r_t = g_t \odot h_t \odot (1 - h_t))
    for (boolean grew = true; grew;) {
      grew = false;
      for (Map.Entry<String, Expr> e : staged.entrySet()) {
        if (!backward.contains(e.getKey()) && backward.stream().anyMatch(b -> FormulaFacts.mentionsName(e.getValue(), b))) {
          backward.add(e.getKey());
          grew = true;
        }
      }
    }
    for (String b : backward) {
      staged.remove(b);
      Statement st = stagedAt.remove(b);
      used.removeIf(x -> x == st);
    }
    // the state: a value whose equation holds its own previous value, directly or through a value of its stage
    // (a_t = U x_t + W s_{t-1} + b, s_t = \phi(a_t))
    Optional<String> state = staged.entrySet().stream().filter(e -> NetworkReader.mentions(e.getValue(), e.getKey(), -1)
        || staged.entrySet().stream().anyMatch(o -> !o.getKey().equals(e.getKey()) && NetworkReader.mentions(e.getValue(), o.getKey(), 0)
        && NetworkReader.mentions(o.getValue(), e.getKey(), -1)))
        .map(Map.Entry::getKey).findFirst();
    // a loss letter given a meaning that reaches no value (\ell = i - j, a distance) is not the loss
    Optional<String> loss = timeless.keySet().stream().filter(LOSSES::contains)
        .filter(l -> FormulaFacts.reachesValues(timeless.get(l), staged, timeless, new TreeSet<>())).findFirst();
    if (state.isEmpty() || loss.isEmpty() || !FormulaFacts.reachesValues(timeless.get(loss.get()), staged, timeless, new TreeSet<>())) {
      // no loss, or one written only in names the document never defines (\mathcal{L}^{<t>}): nothing to differentiate
      return Optional.empty();
    }
    // Symbols the equations use without defining: weights, inputs, targets.
    Set<String> stagedLeaves = new TreeSet<>();
    Set<String> params = new TreeSet<>();
    List<Expr> all = new ArrayList<>(staged.values());
    all.addAll(timeless.values());
    for (Expr e : all) {
      FormulaFacts.leaves(e, staged.keySet(), timeless.keySet(), stagedLeaves, params);
    }
    // b_1, b_2: weights numbered by layer, when nothing else is written per stage under that letter (x_1 is an input)
    for (Expr e : all) {
      AdHocDeltas.any(e, x -> {
        if (x instanceof Expr.Symbol s && s.time().isEmpty() && s.name().matches("[A-Za-z]_\\d")) {
          String base = s.name().substring(0, 1);
          if (!staged.containsKey(base) && !stagedLeaves.contains(base) && !timeless.containsKey(base)
              && !timeless.containsKey(s.name())) {
            params.add(s.name());
          }
        }
        return false;
      });
    }
    for (Statement s : statements) {
      // a value only named in the text ("with $h_4$'s gradient zero", the boundary past the last stage) adds no stage
      for (Expr side : s.sides().size() < 2 ? List.<Expr>of() : s.sides()) {
        steps = Math.max(steps, FormulaFacts.absoluteStages(side, staged.keySet(), stagedLeaves));
      }
    }
    if (steps == 0 && statements.stream().anyMatch(s -> s.sides().stream().anyMatch(FormulaFacts::namesOpenHorizon))) {
      // The horizon is left open (h_T, \sum_{k=1}^{T}): an identity that holds for every T holds at T = 4,
      // and the usual slips (a limit off by one, a term dropped, the wrong stage) show there.
      steps = OPEN_HORIZON;
      open = true;
    }
    if (steps < 1 || steps > 60) {
      return Optional.empty();
    }
    boolean scalar = params.stream().noneMatch(AuthorNetwork::capital);
    boolean rows = FormulaFacts.rowVectors(staged.get(state.get()));
    String p = prose.toLowerCase(Locale.ROOT);
    boolean softmax = all.stream().anyMatch(e -> AdHocDeltas.any(e, x -> x instanceof Expr.Apply a && a.function().equals("softmax")
        || x instanceof Expr.Apply f && f.function().equals("frac") && AdHocDeltas.any(f, y -> y instanceof Expr.Apply q
        && q.function().equals("pow") && q.arguments().get(0) instanceof Expr.Symbol b && b.name().equals("e"))));
    AuthorNetwork n = new AuthorNetwork(steps, scalar ? 1 : SIZE, rows, p.contains("one-hot") || softmax, loss.get());
    n.openHorizon = open;
    n.staged.putAll(staged);
    n.backward.addAll(backward);
    n.variables.putAll(variables);
    // u_t = w_y^T a_t + b_y named after p_t = \sigma(w_y^T a_t + b_y) is written out: a name for that node
    staged.forEach((name, rhs) -> staged.forEach((other, body) -> {
      if (!other.equals(name) && !(rhs instanceof Expr.Symbol) && !n.occurrences.containsKey(name)) {
        AdHocDeltas.any(body, x -> {
          if (x != body && x.equals(rhs)) {
            n.occurrences.put(name, x);
            return true;
          }
          return false;
        });
      }
    }));
    n.timeless.putAll(timeless);
    // an activation written as a letter (\phi) is the one the prose names
    all.forEach(e -> AdHocDeltas.any(e, x -> {
      if (x instanceof Expr.Apply a && TexParser.ACTIVATION_LETTERS.contains(a.function()) && !a.function().equals("sigma")) {
        String meant = NetworkReader.activation(a.function(), prose);
        if (meant != null) {
          n.letters.put(a.function(), meant);
        }
      }
      return false;
    }));
    n.stagedLeaves.addAll(stagedLeaves);
    n.paramLeaves.addAll(params);
    n.zeroAtStart.addAll(zero);
    n.definitions.addAll(used);
    // A target: a value read only by the loss's own equations.
    Set<String> inputs = new TreeSet<>();
    Set<String> ignore = new TreeSet<>();
    staged.forEach((k, v) -> {
      if (!LOSSES.contains(k)) {
        FormulaFacts.leaves(v, staged.keySet(), timeless.keySet(), inputs, ignore);
      }
    });
    Set<String> scored = new TreeSet<>();
    staged.forEach((k, v) -> {
      if (LOSSES.contains(k)) {
        FormulaFacts.leaves(v, staged.keySet(), timeless.keySet(), scored, ignore);
      }
    });
    timeless.forEach((k, v) -> {
      if (LOSSES.contains(k)) {
        FormulaFacts.leaves(v, staged.keySet(), timeless.keySet(), scored, ignore);
      }
    });
    // a target: read by the loss, or by nothing but the loss's own equations
    stagedLeaves.stream().filter(x -> !inputs.contains(x) || scored.contains(x)).forEach(n.targets::add);
    // a target without a stage (y of J = -y^T \log \hat y, one classification per sequence): a small letter
    // that only the loss's own equation reads
    Set<String> elsewhere = new TreeSet<>();
    staged.values().forEach(v -> FormulaFacts.leaves(v, staged.keySet(), timeless.keySet(), new TreeSet<>(), elsewhere));
    timeless.forEach((k, v) -> {
      if (!LOSSES.contains(k)) {
        FormulaFacts.leaves(v, staged.keySet(), timeless.keySet(), new TreeSet<>(), elsewhere);
      }
    });
    timeless.forEach((k, v) -> {
      if (LOSSES.contains(k)) {
        Set<String> read = new TreeSet<>();
        FormulaFacts.leaves(v, staged.keySet(), timeless.keySet(), new TreeSet<>(), read);
        read.stream().filter(x -> !capital(x) && !elsewhere.contains(x)).forEach(n.targets::add);
      }
    });
    return Optional.of(n);
  }

  static boolean capital(String name) {
    String n = name.replaceFirst("^(hat_|tilde_|bar_)", "");
    return !n.isEmpty() && Character.isUpperCase(n.charAt(0));
  }

  boolean isStaged(String base) {
    return staged.containsKey(base) || stagedLeaves.contains(base);
  }

  boolean knows(String base) {
    return isStaged(base) || timeless.containsKey(base) || paramLeaves.contains(base);
  }

  /**
   * Another seeded instance of the same network, for a search over instances ({@link NormBounds}): 0 is
   * the instance every other judge uses; the weights (capital letters) are multiplied by {@code weightScale}.
   */
  long instance;
  double weightScale = 1;

  /** The value of a symbol the equations leave undefined, the same on every run. */
  RealMatrix leaf(String base, int stage, int[] hint) {
    int[] shape = shapes.computeIfAbsent(base, b -> shapeOf(b, hint));
    Random r = new Random(31L * base.hashCode() + stage * 1_000_003L + 20260101L + 7_919_993L * instance);
    double scale = capital(base) && !isStaged(base) ? 0.6 * weightScale : 0.6;
    if (stage == 0 && zeroAtStart.contains(base)) {
      return MatrixUtils.createRealMatrix(shape[0], shape[1]);
    }
    RealMatrix m = MatrixUtils.createRealMatrix(shape[0], shape[1]);
    if (targets.contains(base) && oneHot && shape[0] * shape[1] > 1) {
      int k = r.nextInt(shape[0] * shape[1]);
      m.setEntry(shape[0] == 1 ? 0 : k, shape[0] == 1 ? k : 0, 1);
      return m;
    }
    for (int i = 0; i < shape[0]; i++) {
      for (int j = 0; j < shape[1]; j++) {
        m.setEntry(i, j, scale * r.nextGaussian());
      }
    }
    return m;
  }

  /** A target index {@code c_t}: a position in the vectors. */
  int index(String base, int stage) {
    return new Random(17L * base.hashCode() + stage * 7919L).nextInt(size);
  }

  private int[] shapeOf(String base, int[] hint) {
    if (capital(base) && !isStaged(base)) {
      return new int[] {size, size};
    }
    if (hint != null && hint[0] == 1 && hint[1] == 1) {
      return new int[] {1, 1};
    }
    return rows ? new int[] {1, size} : new int[] {size, 1};
  }

  /** The shape a vector of the network has. */
  int[] vector() {
    return rows ? new int[] {1, size} : new int[] {size, 1};
  }

  /** A forward pass, with one entry of one value moved by {@code delta} (or none). */
  Pass pass(Optional<Perturbation> p) {
    return new Pass(this, p);
  }

  /**
   * What a derivative moves: a leaf at a stage (a weight at stage -1), or the value a formula node
   * takes at a stage (a defined value is its equation's right side).
   */
  record Perturbation(Optional<String> leaf, Expr node, int stage, int row, int column, double delta) {}

  /** What a derivative is taken by, before its entry is chosen. */
  record Target(Optional<String> leaf, Expr node, int stage, int rows, int columns) {}

  /**
   * The derivative of a value by a target, by central differences: shaped like the target when the
   * value is a scalar, else the Jacobian (the value's entries down, the target's across).
   */
  RealMatrix derivative(java.util.function.Function<Pass, RealMatrix> of, Target by) {
    RealMatrix at = of.apply(pass(Optional.empty()));
    int n = at.getRowDimension() * at.getColumnDimension();
    RealMatrix out = n == 1 ? MatrixUtils.createRealMatrix(by.rows(), by.columns())
        : MatrixUtils.createRealMatrix(n, by.rows() * by.columns());
    for (int i = 0; i < by.rows(); i++) {
      for (int j = 0; j < by.columns(); j++) {
        RealMatrix plus = of.apply(pass(Optional.of(new Perturbation(by.leaf(), by.node(), by.stage(), i, j, EPS))));
        RealMatrix minus = of.apply(pass(Optional.of(new Perturbation(by.leaf(), by.node(), by.stage(), i, j, -EPS))));
        RealMatrix d = plus.subtract(minus).scalarMultiply(1 / (2 * EPS));
        if (n == 1) {
          out.setEntry(i, j, d.getEntry(0, 0));
        } else {
          for (int k = 0; k < n; k++) {
            out.setEntry(k, i * by.columns() + j, d.getEntry(k / d.getColumnDimension(), k % d.getColumnDimension()));
          }
        }
      }
    }
    return out;
  }

  /** Every named value per stage and every argument of a function in the equations: what a delta may stand for. */
  List<Candidate> candidates(boolean everyNode) {
    Set<Candidate> out = new LinkedHashSet<>();
    staged.forEach((name, rhs) -> out.add(new Candidate(name, rhs, "\\partial " + loss + "/\\partial " + name)));
    timeless.forEach((name, rhs) -> {
      if (!name.equals(loss) && !(rhs instanceof Expr.Num)) {
        out.add(new Candidate(name, rhs, "\\partial " + loss + "/\\partial " + name));
      }
    });
    staged.forEach((name, rhs) -> AdHocDeltas.any(rhs, x -> {
      if (x instanceof Expr.Apply a && a.arguments().size() == 1 && !a.function().equals("sum")) {
        out.add(new Candidate(name, a.arguments().get(0), "the gradient at the argument of " + a.function() + " in "
            + name + "'s equation"));
      } else if (everyNode && (x instanceof Expr.Product || x instanceof Expr.Sum)) {
        out.add(new Candidate(name, x, "the gradient at a term of " + name + "'s equation"));
      }
      return false;
    }));
    return new ArrayList<>(out);
  }

  /** A value a delta may be the loss's gradient at: a node of the equation of {@code owner}. */
  record Candidate(String owner, Expr node, String meaning) {}
}
