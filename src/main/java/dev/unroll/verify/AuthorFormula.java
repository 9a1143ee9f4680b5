package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * A written formula's value in one {@link Pass} of the author's network, with its time variables
 * and component indices set: products of a scalar scale, of matrices multiply; {@code \odot} and
 * sums with a scalar broadcast it; {@code \sum_t} with or without limits runs over stages,
 * {@code \sum_k} over the letters no stage is written with runs over components; {@code e^{x}} is
 * the exponential; a partial derivative is the network's own ({@link AuthorNetwork#derivative}); an
 * ad hoc delta is its definitions' value ({@link AdHocDeltas}).
 */
final class AuthorFormula {
  /** A formula this evaluator cannot give a value: not judged. */
  static final class Unreadable extends RuntimeException {
    Unreadable(String what) {
      super(what, null, false, false);
    }
  }

  private final Pass pass;
  private final AdHocDeltas deltas;
  private final Map<String, Integer> times;
  private final Map<String, Integer> components;
  /** Whether a \prod of matrices is read with its last index on the left. */
  boolean descending;

  AuthorFormula(Pass pass, AdHocDeltas deltas, Map<String, Integer> times, Map<String, Integer> components) {
    this.pass = pass;
    this.deltas = deltas;
    this.times = times;
    this.components = components;
  }

  AuthorFormula with(Map<String, Integer> moreTimes, Map<String, Integer> moreComponents) {
    Map<String, Integer> t = new HashMap<>(times);
    t.putAll(moreTimes);
    Map<String, Integer> c = new HashMap<>(components);
    c.putAll(moreComponents);
    AuthorFormula f = new AuthorFormula(pass, deltas, t, c);
    f.descending = descending;
    return f;
  }

  RealMatrix eval(Expr e) {
    return eval(e, null);
  }

  RealMatrix eval(Expr e, int[] hint) {
    RealMatrix v = value(e, hint);
    if (deltas != null) {
      return v;
    }
    RealMatrix moved = pass.moved(Optional.empty(), e, Pass.stageOf(times), v);
    pass.record(e, Pass.stageOf(times), moved);
    return moved;
  }

  private RealMatrix value(Expr e, int[] hint) {
    AuthorNetwork net = pass.network();
    if (e instanceof Expr.Num n) {
      return scalar(n.value());
    }
    if (e instanceof Expr.Symbol s) {
      return symbol(s, hint);
    }
    if (e instanceof Expr.Negate n) {
      return eval(n.operand(), hint).scalarMultiply(-1);
    }
    if (e instanceof Expr.Sum s) {
      RealMatrix[] parts = new RealMatrix[s.terms().size()];
      int[] shape = hint;
      for (int pass2 = 0; pass2 < 2; pass2++) {
        for (int i = 0; i < parts.length; i++) {
          boolean leafLike = s.terms().get(i) instanceof Expr.Symbol;
          if (parts[i] == null && (pass2 == 1 || !leafLike)) {
            parts[i] = eval(s.terms().get(i), shape);
            if (shape == null) {
              shape = new int[] {parts[i].getRowDimension(), parts[i].getColumnDimension()};
            }
          }
        }
      }
      RealMatrix out = parts[0];
      for (int i = 1; i < parts.length; i++) {
        out = add(out, parts[i]);
      }
      return out;
    }
    if (e instanceof Expr.Product p) {
      RealMatrix out = null;
      boolean allScalar = true;
      RealMatrix[] parts = new RealMatrix[p.factors().size()];
      for (int i = 0; i < parts.length; i++) {
        if (!(p.factors().get(i) instanceof Expr.Symbol)) {
          parts[i] = eval(p.factors().get(i));
          allScalar &= isScalar(parts[i]);
        }
      }
      // a value first met beside scalars only is a scalar: (p_t - y_t) w_y leaves w_y a vector, y_t \log p_t a scalar
      boolean scalars = allScalar && anyKnown(parts);
      for (int i = 0; i < parts.length; i++) {
        if (parts[i] == null) {
          parts[i] = eval(p.factors().get(i), scalars ? new int[] {1, 1} : null);
        }
        out = out == null ? parts[i] : multiply(out, parts[i]);
      }
      return out;
    }
    if (e instanceof Expr.Hadamard h) {
      RealMatrix l = eval(h.left(), hint);
      return elementwise(l, eval(h.right(), new int[] {l.getRowDimension(), l.getColumnDimension()}), (a, b) -> a * b);
    }
    if (e instanceof Expr.Power p) {
      return power(eval(p.base(), hint), p.exponent());
    }
    if (e instanceof Expr.Transpose t) {
      return eval(t.operand()).transpose();
    }
    if (e instanceof Expr.Diag d) {
      RealMatrix v = eval(d.operand());
      double[] entries = flat(v);
      return MatrixUtils.createRealDiagonalMatrix(entries);
    }
    if (e instanceof Expr.Partial p) {
      if (deltas == null) {
        throw new Unreadable("a derivative inside the network's own equations");
      }
      return deltas.truth(p, this);
    }
    if (e instanceof Expr.Apply a) {
      return apply(a, hint);
    }
    throw new Unreadable("a " + e.getClass().getSimpleName());
  }

  private static boolean anyKnown(RealMatrix[] parts) {
    for (RealMatrix m : parts) {
      if (m != null) {
        return true;
      }
    }
    return false;
  }

  private RealMatrix apply(Expr.Apply a, int[] hint) {
    String f = a.function();
    List<Expr> args = a.arguments();
    if ((f.equals("sum") || f.equals("prod")) && args.size() == 3) {
      return series(a);
    }
    if (f.equals("frac") && args.size() == 2) {
      RealMatrix num = eval(args.get(0), hint);
      RealMatrix den = eval(args.get(1));
      return elementwise(num, den, (x, y) -> x / y);
    }
    if (f.equals("pow") && args.size() == 2) {
      RealMatrix exponent = eval(args.get(1));
      if (args.get(0) instanceof Expr.Symbol b && b.name().equals("e") && b.time().isEmpty()) {
        return map(exponent, Math::exp);
      }
      if (isScalar(exponent)) {
        double k = exponent.getEntry(0, 0);
        RealMatrix b = eval(args.get(0), hint);
        return k == Math.rint(k) && Math.abs(k) < 100 ? power(b, (int) k) : map(b, x -> Math.pow(x, k));
      }
      throw new Unreadable("a power whose exponent is not a number");
    }
    if (args.size() != 1) {
      throw new Unreadable("the function " + f);
    }
    // \phi(a_t) with \phi the logistic function the text names; \phi'(a_t), \tanh'(z): the activation's derivative
    boolean derivative = f.endsWith("'");
    String named = pass.network().letters.getOrDefault(derivative ? f.substring(0, f.length() - 1) : f,
        derivative ? f.substring(0, f.length() - 1) : f);
    if (derivative) {
      return ActivationSlopes.of(named, eval(args.get(0), hint));
    }
    f = named;
    RealMatrix x = eval(args.get(0), hint);
    switch (f) {
      case "identity":
        return x;
      case "tanh":
        return map(x, Math::tanh);
      case "sigma", "sigmoid":
        return map(x, v -> 1 / (1 + Math.exp(-v)));
      case "exp":
        return map(x, Math::exp);
      case "log", "ln":
        return map(x, Math::log);
      case "relu":
        return map(x, v -> Math.max(0, v));
      case "abs":
        return map(x, Math::abs);
      case "norm": {
        double total = 0;
        for (double v : flat(x)) {
          total += v * v;
        }
        return scalar(Math.sqrt(total));
      }
      case "softmax": {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : flat(x)) {
          max = Math.max(max, v);
        }
        double m = max;
        RealMatrix ex = map(x, v -> Math.exp(v - m));
        double total = 0;
        for (double v : flat(ex)) {
          total += v;
        }
        return ex.scalarMultiply(1 / total);
      }
      default:
        throw new Unreadable("the function " + f);
    }
  }

  /** {@code \sum} or {@code \prod}: over stages when its index is written as a time, else over components. */
  private RealMatrix series(Expr.Apply a) {
    Expr lower = a.arguments().get(0);
    Expr index = lower instanceof Expr.Apply r && r.function().equals("relation") ? r.arguments().get(0) : lower;
    if (!(index instanceof Expr.Symbol i) || i.time().isPresent() || !i.name().matches("[a-z]")) {
      throw new Unreadable("a sum without an index letter below it");
    }
    boolean hasLimits = lower instanceof Expr.Apply r && r.function().equals("relation");
    Expr body = a.arguments().get(2);
    boolean overStages = hasLimits || AdHocDeltas.usesTime(body, i.name());
    AuthorNetwork net = pass.network();
    int from = overStages ? 1 : 0;
    int to = overStages ? net.steps : net.size - 1;
    if (hasLimits) {
      from = limit(((Expr.Apply) lower).arguments().get(1));
      Expr upper = a.arguments().get(1);
      if (!(upper instanceof Expr.Apply e && e.function().equals("empty"))) {
        to = limit(upper);
      }
    }
    boolean product = a.function().equals("prod");
    RealMatrix out = null;
    int n = to - from + 1;
    for (int k = 0; k < n; k++) {
      int v = product && descending ? to - k : from + k;
      AuthorFormula inner = overStages ? with(Map.of(i.name(), v), Map.of()) : with(Map.of(), Map.of(i.name(), v));
      RealMatrix term = inner.eval(body);
      out = out == null ? term : product ? multiply(out, term) : add(out, term);
    }
    return out == null ? scalar(product ? 1 : 0) : out;
  }

  /** A sum's limit as a stage number: a number, {@code T}, a time variable, {@code t+1}. */
  private int limit(Expr e) {
    if (e instanceof Expr.Num n) {
      return (int) n.value();
    }
    if (e instanceof Expr.Symbol s && s.time().isEmpty() && (s.name().equals("T") || s.name().equals("N"))) {
      return pass.network().steps;
    }
    if (e instanceof Expr.Symbol s && s.time().isEmpty() && times.containsKey(s.name())) {
      return times.get(s.name());
    }
    if (e instanceof Expr.Sum s && s.terms().size() == 2) {
      int a = limit(s.terms().get(0));
      Expr b = s.terms().get(1);
      return b instanceof Expr.Negate n ? a - limit(n.operand()) : a + limit(b);
    }
    throw new Unreadable("a sum's limit");
  }

  private RealMatrix symbol(Expr.Symbol s, int[] hint) {
    AuthorNetwork net = pass.network();
    if (deltas != null) {
      Optional<RealMatrix> d = deltas.value(s, this);
      if (d.isPresent()) {
        return d.get();
      }
    }
    if (s.time().isEmpty() && times.containsKey(s.name())) {
      // the letter of a stage as a number: W^{t-k}
      return scalar(times.get(s.name()));
    }
    if (s.name().matches("(e|\\\\mathbb1|1)_.+") && s.time().isEmpty()) {
      // e_{c_t}, \mathbb{1}_{c_t}: the one-hot vector of a target index
      Optional<AuthorRef> target = AuthorRef.read(new Expr.Symbol(s.name().substring(s.name().indexOf('_') + 1),
          Optional.empty(), s.role()), net::isStaged, net::knows).filter(AuthorRef::staged);
      if (target.isPresent()) {
        int[] shape = net.vector();
        RealMatrix m = MatrixUtils.createRealMatrix(shape[0], shape[1]);
        int k = net.index(target.get().base(), stage(target.get()));
        m.setEntry(shape[0] == 1 ? 0 : k, shape[0] == 1 ? k : 0, 1);
        return m;
      }
    }
    AuthorRef r = AuthorRef.read(s, net::isStaged, net::knows)
        .orElseThrow(() -> new Unreadable(WrittenTex.of(s) + " is none of the network's values"));
    RealMatrix whole = r.staged() ? pass.staged(r.base(), stage(r), r.indices().isEmpty() ? hint : null)
        : (net.staged.containsKey(r.base()) || net.stagedLeaves.contains(r.base())) && !net.timeless.containsKey(r.base())
            ? pass.staged(r.base(), stage(r), hint) : pass.timeless(r.base(), r.indices().isEmpty() ? hint : null);
    return component(whole, r);
  }

  /** The entry the indices pick, or the whole value. */
  RealMatrix component(RealMatrix whole, AuthorRef r) {
    if (r.indices().isEmpty()) {
      return whole;
    }
    int[] at = new int[r.indices().size()];
    for (int k = 0; k < at.length; k++) {
      at[k] = position(r.indices().get(k));
    }
    if (at.length == 1) {
      double[] f = flat(whole);
      if (at[0] < 0 || at[0] >= f.length) {
        throw new Unreadable("an index past the end");
      }
      return scalar(f[at[0]]);
    }
    if (at.length == 2 && at[0] < whole.getRowDimension() && at[1] < whole.getColumnDimension()) {
      return scalar(whole.getEntry(at[0], at[1]));
    }
    throw new Unreadable("an index past the end");
  }

  int position(AuthorRef.Index i) {
    if (i.letter().isPresent()) {
      Integer v = components.get(i.letter().get());
      if (v == null) {
        throw new Unreadable("the index " + i.letter().get() + " is not set");
      }
      return v;
    }
    if (i.position().isPresent()) {
      return i.position().getAsInt();
    }
    AuthorRef t = i.target().orElseThrow();
    return pass.network().index(t.base(), stage(t));
  }

  /** The stage a staged reference names in this reading. */
  int stage(AuthorRef r) {
    if (r.stage().isPresent()) {
      return r.stage().getAsInt();
    }
    if (r.last()) {
      return pass.network().steps;
    }
    Time t = r.time().orElseThrow(() -> new Unreadable(r.base() + " without a stage"));
    Integer v = times.get(t.variable());
    if (v == null) {
      if (t.variable().equals("T")) {
        return pass.network().steps + t.offset();
      }
      throw new Unreadable("the time " + t.spelled() + " is not set");
    }
    return v + t.offset();
  }

  Map<String, Integer> times() {
    return times;
  }

  Map<String, Integer> components() {
    return components;
  }

  Pass pass() {
    return pass;
  }

  /** A square matrix's power is the matrix power ({@code (W^\top)^3}); a vector's is taken entry by entry ({@code h_t^2}). */
  static RealMatrix power(RealMatrix b, int k) {
    boolean square = b.getRowDimension() == b.getColumnDimension() && b.getRowDimension() > 1;
    if (!square) {
      return map(b, x -> Math.pow(x, k));
    }
    if (k < 0) {
      // W^{t-k} read at k > t: the formula says nothing there
      throw new AuthorNetwork.Missing("a negative power of a matrix");
    }
    return b.power(k);
  }

  static RealMatrix scalar(double v) {
    return MatrixUtils.createRealMatrix(new double[][] {{v}});
  }

  static boolean isScalar(RealMatrix m) {
    return m.getRowDimension() == 1 && m.getColumnDimension() == 1;
  }

  static double[] flat(RealMatrix m) {
    double[] out = new double[m.getRowDimension() * m.getColumnDimension()];
    for (int i = 0; i < m.getRowDimension(); i++) {
      for (int j = 0; j < m.getColumnDimension(); j++) {
        out[i * m.getColumnDimension() + j] = m.getEntry(i, j);
      }
    }
    return out;
  }

  static RealMatrix map(RealMatrix m, DoubleUnaryOperator f) {
    RealMatrix out = MatrixUtils.createRealMatrix(m.getRowDimension(), m.getColumnDimension());
    for (int i = 0; i < m.getRowDimension(); i++) {
      for (int j = 0; j < m.getColumnDimension(); j++) {
        out.setEntry(i, j, f.applyAsDouble(m.getEntry(i, j)));
      }
    }
    return out;
  }

  static RealMatrix add(RealMatrix a, RealMatrix b) {
    return elementwise(a, b, Double::sum);
  }

  static RealMatrix multiply(RealMatrix a, RealMatrix b) {
    if (isScalar(a)) {
      return b.scalarMultiply(a.getEntry(0, 0));
    }
    if (isScalar(b)) {
      return a.scalarMultiply(b.getEntry(0, 0));
    }
    if (a.getColumnDimension() != b.getRowDimension()) {
      throw new Unreadable("a product of a " + a.getRowDimension() + " x " + a.getColumnDimension() + " and a "
          + b.getRowDimension() + " x " + b.getColumnDimension() + " matrix");
    }
    return a.multiply(b);
  }

  static RealMatrix elementwise(RealMatrix a, RealMatrix b, java.util.function.DoubleBinaryOperator f) {
    if (isScalar(b) && !isScalar(a)) {
      double v = b.getEntry(0, 0);
      return map(a, x -> f.applyAsDouble(x, v));
    }
    if (isScalar(a) && !isScalar(b)) {
      double v = a.getEntry(0, 0);
      return map(b, x -> f.applyAsDouble(v, x));
    }
    if (a.getRowDimension() != b.getRowDimension() || a.getColumnDimension() != b.getColumnDimension()) {
      throw new Unreadable("an elementwise operation on a " + a.getRowDimension() + " x " + a.getColumnDimension()
          + " and a " + b.getRowDimension() + " x " + b.getColumnDimension() + " matrix");
    }
    RealMatrix out = MatrixUtils.createRealMatrix(a.getRowDimension(), a.getColumnDimension());
    for (int i = 0; i < a.getRowDimension(); i++) {
      for (int j = 0; j < a.getColumnDimension(); j++) {
        out.setEntry(i, j, f.applyAsDouble(a.getEntry(i, j), b.getEntry(i, j)));
      }
    }
    return out;
  }
}
