package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The deltas an author names or numbers ad hoc and defines by equations of their own:
 * {@code \delta^{raw}_t = (1 - h_t \odot h_t) \odot \delta^h_t} with {@code \delta^{raw}_5 = 0},
 * {@code \tilde\delta_t}, {@code \mathrm{d}a_t}, {@code \delta_{t,i}} component by component, or
 * numbered nodes {@code \delta_{10}}, {@code \delta 7}. A delta's value is what its own definitions
 * give (the one written for that stage, else the general one; zero after the last stage, where
 * nothing flows back), so a claim using it is judged as written. What a delta stands for is found by
 * trying each candidate meaning, the loss's gradient at a value of the network ({@link
 * AuthorNetwork#candidates}): a family of deltas is bound to the one its values equal at every stage,
 * a numbered delta to the value its number equals.
 */
final class AdHocDeltas {
  /** Relative differences up to this are agreement: central differences in float64 are good to ~1e-8 here. */
  static final double TOLERANCE = 1e-5;

  private record Definition(AuthorRef lhs, Expr rhs) {}

  private final AuthorNetwork network;
  private final Pass base;
  private final Map<String, List<Definition>> families = new LinkedHashMap<>();
  private final Set<String> timed = new TreeSet<>();
  private final Map<String, RealMatrix> memo = new HashMap<>();
  private final Map<String, Boolean> busy = new HashMap<>();
  private final Map<String, RealMatrix> truths = new HashMap<>();
  private final Map<String, Definition> namings = new HashMap<>();
  private final Set<Statement> namingStatements = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  AdHocDeltas(AuthorNetwork network, List<Statement> statements) {
    this.network = network;
    this.base = network.pass(Optional.empty());
    for (Statement s : statements) {
      if (!s.isEquation()) {
        continue;
      }
      Expr lhs = normal(s.sides().get(0));
      if (lhs instanceof Expr.Symbol l && (deltaLike(l.name()) || network.backward.contains(l.name()))) {
        familyOf(l, network.backward).ifPresent(b -> families.computeIfAbsent(b, k -> new ArrayList<>()));
      }
    }
    for (Statement s : statements) {
      // \delta_t = \partial L/\partial h_t = ...: the first right side defines, the later ones are claims
      if (!s.isEquation() || !(normal(s.sides().get(0)) instanceof Expr.Symbol l)) {
        continue;
      }
      ref(l).ifPresent(r -> {
        Expr rhs = normal(s.sides().get(1));
        if (rhs instanceof Expr.Partial p && r.time().isPresent() && r.indices().isEmpty()) {
          namings.putIfAbsent(r.base(), new Definition(r, rhs));
          namingStatements.add(s);
        }
        families.get(r.base()).add(new Definition(r, rhs));
        if (r.time().isPresent()) {
          timed.add(r.base());
        }
      });
    }
  }

  /** Whether a family is named as a gradient ({@code g_t = \partial L/\partial h_t}): its other equations are claims. */
  boolean named(String family) {
    return namings.containsKey(family);
  }

  /** Whether a statement is the one naming its family's meaning. */
  boolean naming(Statement s) {
    return namingStatements.contains(s);
  }

  Set<String> families() {
    return families.keySet();
  }

  Pass base() {
    return base;
  }

  /** Whether a family's deltas are per stage ({@code \delta_t}), rather than numbered nodes. */
  boolean timed(String family) {
    return timed.contains(family);
  }

  /** Names a delta may have: {@code \delta...}, {@code \tilde\delta...}, {@code d:a} (from {@code \mathrm{d}a_t}). */
  static boolean deltaLike(String name) {
    return name.matches("(tilde_|hat_|bar_)?\\\\[dD]elta.*") || name.startsWith("d:");
  }

  /** Whether a formula writes a delta anywhere. */
  static boolean mentions(Expr e) {
    return any(normal(e), x -> x instanceof Expr.Symbol s && deltaLike(s.name()));
  }

  /**
   * The formula with {@code \delta 7} read as the numbered delta {@code \delta_7} and {@code \mathrm{d}a_t}
   * as the delta {@code d:a_t}.
   */
  static Expr normal(Expr e) {
    return Rewrite.bottomUp(e, x -> {
      if (!(x instanceof Expr.Product p)) {
        return x;
      }
      List<Expr> out = new ArrayList<>();
      List<Expr> f = p.factors();
      boolean changed = false;
      for (int i = 0; i < f.size(); i++) {
        Expr a = f.get(i);
        Expr b = i + 1 < f.size() ? f.get(i + 1) : null;
        if (a instanceof Expr.Symbol d && d.time().isEmpty() && d.name().equals("\\delta") && b instanceof Expr.Num n) {
          out.add(new Expr.Symbol("\\delta_" + n.value(), Optional.empty(), Expr.Role.PARAMETER));
          i++;
          changed = true;
        } else if (a instanceof Expr.Symbol d && d.time().isEmpty() && d.name().equals("d") && b instanceof Expr.Symbol v
            && !v.name().startsWith("\\")) {
          out.add(new Expr.Symbol("d:" + v.name(), v.time(), Expr.Role.INTERMEDIATE));
          i++;
          changed = true;
        } else {
          out.add(a);
        }
      }
      return changed ? Expr.juxtapose(out) : x;
    });
  }

  /** The family a delta's name belongs to: the name itself when a time is written, else its longest delta-like prefix. */
  private static Optional<String> familyOf(Expr.Symbol s, Set<String> backward) {
    if (s.time().isPresent()) {
      return Optional.of(s.name());
    }
    for (int p = s.name().lastIndexOf('_'); p > 0; p = s.name().lastIndexOf('_', p - 1)) {
      if (deltaLike(s.name().substring(0, p)) || backward.contains(s.name().substring(0, p))) {
        return Optional.of(s.name().substring(0, p));
      }
    }
    return Optional.empty();
  }

  /** A delta as written, read against the known families. */
  Optional<AuthorRef> ref(Expr.Symbol s) {
    return AuthorRef.read(s, families::containsKey, families::containsKey).filter(r -> families.containsKey(r.base()));
  }

  /** A delta's value in a reading, or empty when the symbol is no delta. */
  Optional<RealMatrix> value(Expr.Symbol s, AuthorFormula f) {
    Optional<AuthorRef> r = ref(s);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    int stage = r.get().staged() ? f.stage(r.get()) : 0;
    return Optional.of(f.component(at(r.get().base(), stage), r.get()));
  }

  /** A family's delta at a stage (for numbered nodes: the number). */
  RealMatrix at(String family, int stage) {
    String key = family + "@" + stage;
    RealMatrix known = memo.get(key);
    if (known != null) {
      return known;
    }
    if (busy.put(key, true) != null) {
      throw new AuthorFormula.Unreadable(family + " is defined through itself");
    }
    try {
      RealMatrix v = compute(family, stage);
      memo.put(key, v);
      return v;
    } finally {
      busy.remove(key);
    }
  }

  /** A family's zero (after the last stage, or a boundary written {@code = 0}) has the network's vector shape. */
  private RealMatrix compute(String family, int stage) {
    RealMatrix v = computed(family, stage);
    if (timed(family) && AuthorFormula.isScalar(v) && v.getEntry(0, 0) == 0 && network.size > 1) {
      int[] shape = network.vector();
      return MatrixUtils.createRealMatrix(shape[0], shape[1]);
    }
    return v;
  }

  private RealMatrix computed(String family, int stage) {
    List<Definition> defs = families.get(family);
    Definition chosen = null;
    Map<String, Integer> times = new HashMap<>();
    Definition naming = namings.get(family);
    if (naming != null && stage >= 1 && stage <= network.steps) {
      // the gradient the author says it is; the family's other equations are claims about it
      return new AuthorFormula(base, this, Map.of(naming.lhs().time().get().variable(), stage - naming.lhs().time().get().offset()),
          Map.of()).eval(naming.rhs());
    }
    for (Definition d : defs) {
      if (d.lhs().stage().isPresent() && d.lhs().stage().getAsInt() == stage) {
        chosen = d;
      }
    }
    if (chosen == null) {
      for (Definition d : defs) {
        if (d.lhs().time().isPresent()) {
          chosen = d;
          times.put(d.lhs().time().get().variable(), stage - d.lhs().time().get().offset());
          break;
        }
      }
    }
    if (chosen == null) {
      if (timed(family) && (stage > network.steps || stage < 1)) {
        return AuthorFormula.scalar(0);
      }
      throw new AuthorNetwork.Missing(family + " at " + stage);
    }
    if (chosen.lhs().time().isPresent() && (stage > network.steps || stage < 1)) {
      return AuthorFormula.scalar(0);
    }
    AuthorFormula f = new AuthorFormula(base, this, times, Map.of());
    List<AuthorRef.Index> letters = chosen.lhs().indices();
    if (letters.isEmpty()) {
      return f.eval(chosen.rhs());
    }
    if (letters.size() != 1 || letters.get(0).letter().isEmpty()) {
      throw new AuthorFormula.Unreadable("a delta with more than one index");
    }
    int[] shape = network.vector();
    RealMatrix out = MatrixUtils.createRealMatrix(shape[0], shape[1]);
    for (int k = 0; k < network.size; k++) {
      double v = f.with(Map.of(), Map.of(letters.get(0).letter().get(), k)).eval(chosen.rhs()).getEntry(0, 0);
      out.setEntry(shape[0] == 1 ? 0 : k, shape[0] == 1 ? k : 0, v);
    }
    return out;
  }

  /** The network's own derivative {@code \partial of / \partial by} in a reading. */
  RealMatrix truth(Expr.Partial p, AuthorFormula f) {
    if (!(p.of() instanceof Expr.Symbol of) || !(p.by() instanceof Expr.Symbol by)) {
      throw new AuthorFormula.Unreadable("a derivative of something other than a value");
    }
    AuthorRef o = AuthorRef.read(of, network::isStaged, network::knows)
        .orElseThrow(() -> new AuthorFormula.Unreadable(WrittenTex.of(of) + " is none of the network's values"));
    AuthorRef b = AuthorRef.read(by, network::isStaged, network::knows)
        .orElseThrow(() -> new AuthorFormula.Unreadable(WrittenTex.of(by) + " is none of the network's values"));
    int oStage = o.staged() ? f.stage(o) : -1;
    int bStage = b.staged() ? f.stage(b) : -1;
    String key = o.base() + "@" + oStage + "/" + b.base() + "@" + bStage;
    RealMatrix whole = truths.get(key);
    if (whole == null) {
      whole = derivative(o, oStage, b, bStage);
      truths.put(key, whole);
    }
    RealMatrix picked = f.component(whole, new AuthorRef(b.base(), b.time(), b.stage(), b.last(), b.indices()));
    if (!o.indices().isEmpty()) {
      throw new AuthorFormula.Unreadable("a derivative of one entry");
    }
    return picked;
  }

  private RealMatrix derivative(AuthorRef o, int oStage, AuthorRef b, int bStage) {
    java.util.function.Function<Pass, RealMatrix> of = o.staged() || network.isStaged(o.base()) && !network.timeless.containsKey(o.base())
        ? pass -> pass.staged(o.base(), oStage, null) : pass -> pass.timeless(o.base(), null);
    if (b.staged() || network.isStaged(b.base()) && !network.timeless.containsKey(b.base())) {
      RealMatrix value = base.staged(b.base(), bStage, null);
      if (bStage > network.steps) {
        return MatrixUtils.createRealMatrix(value.getRowDimension(), value.getColumnDimension());
      }
      Expr rhs = network.occurrences.getOrDefault(b.base(), network.staged.get(b.base()));
      boolean leaf = rhs == null || bStage < 1;
      return network.derivative(of, new AuthorNetwork.Target(leaf ? Optional.of(b.base()) : Optional.empty(), rhs,
          bStage, value.getRowDimension(), value.getColumnDimension()));
    }
    RealMatrix value = base.timeless(b.base(), null);
    Expr rhs = network.timeless.get(b.base());
    return network.derivative(of, new AuthorNetwork.Target(rhs == null ? Optional.of(b.base()) : Optional.empty(), rhs,
        -1, value.getRowDimension(), value.getColumnDimension()));
  }

  /** The loss's gradient at a formula node at a stage (the node's value moved, everything after recomputed). */
  RealMatrix adjoint(AuthorNetwork.Candidate c, int stage) {
    String key = "cand" + System.identityHashCode(c.node()) + "@" + stage;
    RealMatrix known = truths.get(key);
    if (known != null) {
      return known;
    }
    Pass seen = network.pass(Optional.empty());
    boolean timeless = network.timeless.containsKey(c.owner());
    if (timeless != (stage == -1)) {
      throw new AuthorNetwork.Missing(c.owner() + " at " + stage);
    }
    if (timeless) {
      seen.timeless(c.owner(), null);
    } else {
      seen.staged(c.owner(), stage, null);
    }
    RealMatrix value = seen.seen(c.node(), stage);
    if (value == null) {
      throw new AuthorFormula.Unreadable("a node that is not computed");
    }
    RealMatrix d = network.derivative(pass -> pass.timeless(network.loss, null), new AuthorNetwork.Target(Optional.empty(),
        c.node(), stage, value.getRowDimension(), value.getColumnDimension()));
    truths.put(key, d);
    return d;
  }

  static boolean same(RealMatrix got, RealMatrix want) {
    double[] g = AuthorFormula.flat(got);
    double[] w = AuthorFormula.flat(want);
    if (g.length == 1 && w.length > 1 && g[0] == 0) {
      g = new double[w.length];
    }
    if (w.length == 1 && g.length > 1 && w[0] == 0) {
      w = new double[g.length];
    }
    if (g.length != w.length) {
      return false;
    }
    return difference(g, w) <= TOLERANCE;
  }

  static double difference(double[] g, double[] w) {
    double norm = 0;
    double diff = 0;
    for (int i = 0; i < g.length; i++) {
      norm += w[i] * w[i];
      diff += (g[i] - w[i]) * (g[i] - w[i]);
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-6);
  }

  /** Whether any node of {@code e} satisfies {@code p}. */
  static boolean any(Expr e, Predicate<Expr> p) {
    if (p.test(e)) {
      return true;
    }
    for (Expr c : Subexpressions.children(e)) {
      if (any(c, p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code letter} is written as a stage anywhere in {@code e}: {@code E_t}, {@code p_{t,c_t}}. */
  static boolean usesTime(Expr e, String letter) {
    return any(e, x -> x instanceof Expr.Symbol s && (s.time().isPresent() && s.time().get().variable().equals(letter)
        || s.time().isEmpty() && s.name().matches(".*[^,_]_" + letter + "([+-]\\d+)?(,.*|$)")));
  }
}
