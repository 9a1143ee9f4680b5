package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hipparchus.linear.RealMatrix;

/**
 * Judges a derivation in the author's own network ({@link AuthorNetwork}): every displayed
 * equation whose left side is a derivative of one of its values ({@code \partial L/\partial W_{xh}},
 * {@code \partial E/\partial W_{ij}}, {@code \partial L/\partial h_0}, {@code \partial \ell_t/\partial
 * W_x}) is evaluated on both sides at every setting of its free stages and indices; every equation
 * defining an ad hoc delta is confirmed when the delta is bound to a gradient of the network
 * ({@link AdHocDeltas}). A false claim is diagnosed by trying what an author most often confuses: a
 * delta that makes it hold in place of the one written (wrong delta), the gradient of another weight
 * that the right side is (left side), the transpose.
 */
final class AuthorClaims {
  private static final int MAX_READINGS = 200;

  /** One statement of a span, to judge. */
  record Item(MathSpan span, ParsedMath parsed, Statement statement) {}

  /**
   * What was decided about a span's statement: whether it holds, and the finding saying so; {@code scalar}
   * when the document's network has one unit (where no claim can be about shapes or transposes).
   */
  record Decision(MathSpan span, boolean holds, Finding finding, boolean scalar) {}

  private final AuthorNetwork network;
  private final AdHocDeltas deltas;
  private final Map<String, Optional<String>> bindings = new LinkedHashMap<>();
  /** The last stage each time letter may take in the claim being judged, by the conditions written beside it. */
  private Map<String, Integer> latest = Map.of();

  AuthorClaims(AuthorNetwork network, AdHocDeltas deltas) {
    this.network = network;
    this.deltas = deltas;
  }

  /**
   * The decisions about a document's displayed equations, judged in the network its own equations
   * define; none when they define none (no recurrent value, or no loss).
   *
   * @param all every statement, inline and displayed, in file order
   */
  static List<Decision> of(List<Statement> all, List<Item> displayed, String prose) {
    Optional<AuthorNetwork> network = AuthorNetwork.read(all, prose);
    if (network.isEmpty()) {
      return List.of();
    }
    List<Decision> out = new ArrayList<>(new AuthorClaims(network.get(), new AdHocDeltas(network.get(), all)).judge(displayed));
    out.addAll(new NormBounds(network.get(), all).judge(displayed));
    return out;
  }

  List<Decision> judge(List<Item> items) {
    List<Decision> out = new ArrayList<>();
    for (Item item : items) {
      Statement s = item.statement();
      if (!s.isEquation() || network.definitions.contains(s)) {
        continue;
      }
      Expr lhs = AdHocDeltas.normal(s.sides().get(0));
      Position at = item.span().position(item.parsed().offset(s.sides().get(0), s.offset()));
      // a condition written beside the claim (", \qquad t < T") limits the stages it speaks of
      latest = StageConditions.of(item.parsed().statements(), network.steps);
      try {
        boolean delta = lhs instanceof Expr.Symbol d && deltas.ref(d).isPresent();
        boolean named = delta && deltas.named(deltas.ref((Expr.Symbol) lhs).get().base());
        if (delta && !named) {
          delta((Expr.Symbol) lhs, at).ifPresent(f -> out.add(new Decision(item.span(), true, f, network.size == 1)));
        }
        // an activation's slope at a value of the network, \phi'(a_t) = s_t \odot (1 - s_t), is evaluated as any claim
        boolean slope = lhs instanceof Expr.Apply a && a.function().endsWith("'") && a.arguments().size() == 1
            && AdHocDeltas.any(a.arguments().get(0), x -> x instanceof Expr.Symbol v && v.time().isPresent());
        if (!(lhs instanceof Expr.Partial) && !delta && !slope) {
          continue;
        }
        // a delta's own equation is judged when the author named what it is (g_t = \partial L/\partial h_t)
        for (int k = delta && (!named || deltas.naming(s)) ? 2 : 1; k < s.sides().size(); k++) {
          Expr rhs = AdHocDeltas.normal(s.sides().get(k));
          Optional<Verdict> v = evaluate(lhs, rhs);
          if (v.isEmpty()) {
            continue;
          }
          if (v.get().holds()) {
            out.add(new Decision(item.span(), true, Finding.at(at, Severity.NOTE, "confirmed: " + tex(s.sides().get(0))
                + ", evaluated in the document's own network (its equations and loss, on random values) at "
                + v.get().readings() + (v.get().readings() == 1 ? " reading" : " readings of its free stages and indices")
                + (network.openHorizon ? ", with T = " + network.steps + " (the document leaves T open)." : ".")),
                network.size == 1));
          } else {
            out.add(new Decision(item.span(), false, diagnose(lhs, rhs, v.get(), at, s.sides().get(0)), network.size == 1));
          }
        }
      } catch (RuntimeException e) {
        // anything this judge cannot follow is left to the verifier's other judges
      }
    }
    return out;
  }

  /** A formula written back as TeX, {@code \mathrm{d}a_t} as the author wrote it. */
  private static String tex(Expr e) {
    return WrittenTex.of(e).replace("d:", "\\mathrm{d}");
  }

  /** A delta's defining equation: confirmed when its family (or its numbered node) is bound to a gradient. */
  private Optional<Finding> delta(Expr.Symbol d, Position at) {
    AuthorRef r = deltas.ref(d).orElseThrow();
    if (!deltas.timed(r.base()) && r.stage().isEmpty()) {
      return Optional.empty();
    }
    String key = deltas.timed(r.base()) ? r.base() : r.base() + "#" + r.stage().orElse(-1);
    Optional<String> meaning = bindings.computeIfAbsent(key, k -> bind(r));
    return meaning.map(m -> Finding.at(at, Severity.NOTE, "confirmed: " + tex(d) + " as defined here is "
        + m + (deltas.timed(r.base()) ? " at every stage." : ".")));
  }

  /** The candidate meaning a delta's values equal, if any. */
  private Optional<String> bind(AuthorRef r) {
    boolean timed = deltas.timed(r.base());
    for (AuthorNetwork.Candidate c : network.candidates(!timed)) {
      boolean all = true;
      int matched = 0;
      List<Integer> stages = new ArrayList<>();
      if (timed) {
        for (int t = 1; t <= network.steps; t++) {
          stages.add(t);
        }
      } else {
        stages.add(-1);
        for (int t = 1; t <= network.steps; t++) {
          stages.add(t);
        }
      }
      if (timed) {
        for (int t : stages) {
          try {
            all &= AdHocDeltas.same(deltas.at(r.base(), t), deltas.adjoint(c, t));
            matched++;
          } catch (AuthorFormula.Unreadable | AuthorNetwork.Missing e) {
            all = false;
          }
          if (!all) {
            break;
          }
        }
        if (all && matched > 0) {
          return Optional.of(c.meaning().startsWith("\\partial") ? "the gradient of " + network.loss + " at "
              + tex(new Expr.Symbol(c.owner(), Optional.empty(), Expr.Role.STATE)) : c.meaning());
        }
      } else {
        RealMatrix value = deltas.at(r.base(), r.stage().orElseThrow());
        for (int t : stages) {
          try {
            if (AdHocDeltas.same(value, deltas.adjoint(c, t))) {
              return Optional.of((c.meaning().startsWith("\\partial") ? "the gradient of " + network.loss + " at "
                  + tex(new Expr.Symbol(c.owner(), Optional.empty(), Expr.Role.STATE)) : c.meaning())
                  + (t < 0 ? "" : " at stage " + t));
            }
          } catch (AuthorFormula.Unreadable | AuthorNetwork.Missing e) {
            // this candidate has no value at this stage
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The outcome of evaluating a claim at its readings. */
  record Verdict(boolean holds, int readings, double worst, Map<String, Integer> firstFailure) {}

  /** Both sides at every reading; empty when the claim cannot be evaluated or no reading has every value. */
  Optional<Verdict> evaluate(Expr lhs, Expr rhs) {
    Optional<Verdict> v = evaluate(lhs, rhs, false);
    if (v.isPresent() && !v.get().holds() && AdHocDeltas.any(rhs, x -> x instanceof Expr.Apply a && a.function().equals("prod"))) {
      // a product of matrices written with \prod: its order is the author's to say; either reading may be meant
      Optional<Verdict> other = evaluate(lhs, rhs, true);
      if (other.isPresent() && other.get().holds()) {
        return other;
      }
    }
    return v;
  }

  private Optional<Verdict> evaluate(Expr lhs, Expr rhs, boolean descending) {
    Set<String> times = new LinkedHashSet<>();
    Set<String> indices = new LinkedHashSet<>();
    free(lhs, Set.of(), times, indices);
    free(rhs, Set.of(), times, indices);
    List<Map<String, Integer>[]> readings = readings(new ArrayList<>(times), new ArrayList<>(indices));
    int n = 0;
    double worst = 0;
    Map<String, Integer> first = null;
    for (Map<String, Integer>[] r : readings) {
      AuthorFormula f = new AuthorFormula(deltas.base(), deltas, r[0], r[1]);
      f.descending = descending;
      RealMatrix want;
      RealMatrix got;
      try {
        want = f.eval(lhs);
        got = f.eval(rhs);
      } catch (AuthorNetwork.Missing e) {
        continue;
      }
      double[] g = AuthorFormula.flat(got);
      double[] w = AuthorFormula.flat(want);
      boolean sameShape = got.getRowDimension() == want.getRowDimension() && got.getColumnDimension() == want.getColumnDimension();
      boolean vectors = Math.min(got.getRowDimension(), got.getColumnDimension()) == 1
          && Math.min(want.getRowDimension(), want.getColumnDimension()) == 1;
      if (g.length != w.length || !sameShape && !vectors) {
        return Optional.empty();
      }
      n++;
      double d = AdHocDeltas.difference(g, w);
      if (d > AdHocDeltas.TOLERANCE && first == null) {
        Map<String, Integer> all = new LinkedHashMap<>(r[0]);
        all.putAll(r[1]);
        first = all;
      }
      worst = Math.max(worst, d);
    }
    return n == 0 ? Optional.empty() : Optional.of(new Verdict(first == null, n, worst, first == null ? Map.of() : first));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Integer>[]> readings(List<String> times, List<String> indices) {
    List<Map<String, Integer>[]> out = new ArrayList<>();
    out.add(new Map[] {new HashMap<String, Integer>(), new HashMap<String, Integer>()});
    for (int v = 0; v < times.size() + indices.size(); v++) {
      boolean time = v < times.size();
      String name = time ? times.get(v) : indices.get(v - times.size());
      List<Map<String, Integer>[]> next = new ArrayList<>();
      for (Map<String, Integer>[] m : out) {
        int from = time ? 1 : 0;
        int to = time ? Math.min(network.steps, latest.getOrDefault(name, network.steps)) : network.size - 1;
        for (int k = from; k <= to; k++) {
          Map<String, Integer>[] more = new Map[] {new HashMap<>(m[0]), new HashMap<>(m[1])};
          more[time ? 0 : 1].put(name, k);
          next.add(more);
        }
      }
      out = next;
      if (out.size() > MAX_READINGS) {
        return out.subList(0, MAX_READINGS);
      }
    }
    return out;
  }

  /** The time variables and component indices a formula leaves free. */
  private void free(Expr e, Set<String> bound, Set<String> times, Set<String> indices) {
    if (e instanceof Expr.Apply a && (a.function().equals("sum") || a.function().equals("prod")) && a.arguments().size() == 3) {
      Expr lower = a.arguments().get(0);
      Expr index = lower instanceof Expr.Apply r && r.function().equals("relation") ? r.arguments().get(0) : lower;
      Set<String> inner = new java.util.TreeSet<>(bound);
      if (index instanceof Expr.Symbol i) {
        inner.add(i.name());
      }
      // a bare index below (\sum_t) is the bound letter itself, not a free one
      for (int k = lower == index ? 1 : 0; k < 3; k++) {
        free(k == 2 ? a.arguments().get(2) : a.arguments().get(k), k == 2 ? inner : bound, times, indices);
      }
      return;
    }
    if (e instanceof Expr.Apply a && a.function().equals("relation")) {
      free(a.arguments().get(1), bound, times, indices);
      return;
    }
    if (e instanceof Expr.Symbol s) {
      if (s.time().isEmpty() && s.name().matches("[a-df-z]") && !bound.contains(s.name()) && !network.knows(s.name())) {
        times.add(s.name());
        return;
      }
      Optional<AuthorRef> r = deltas.ref(s).or(() -> AuthorRef.read(s, network::isStaged, network::knows));
      r.ifPresent(ref -> {
        ref.time().map(t -> t.variable()).filter(v -> !bound.contains(v) && !v.equals("T")).ifPresent(times::add);
        for (AuthorRef.Index i : ref.indices()) {
          i.letter().filter(l -> !bound.contains(l)).ifPresent(indices::add);
          i.target().flatMap(AuthorRef::time).map(t -> t.variable()).filter(v -> !bound.contains(v)).ifPresent(times::add);
        }
      });
      return;
    }
    for (Expr c : Subexpressions.children(e)) {
      free(c, bound, times, indices);
    }
  }

  /** Why a false claim is false, as far as a swap of one delta, the left side's weight, or a transpose explains it. */
  private Finding diagnose(Expr lhs, Expr rhs, Verdict v, Position at, Expr written) {
    String where = v.firstFailure().isEmpty() ? "" : ", first at " + String.join(", ", v.firstFailure().entrySet().stream()
        .map(e -> e.getKey() + " = " + (network.size > 1 && e.getKey().matches("[i-npqr]") && !e.getKey().equals("t")
            ? String.valueOf(e.getValue() + 1) : String.valueOf(e.getValue()))).toList());
    String head = "this is not " + tex(written) + ": in the document's own network the two sides differ "
        + "(relative difference " + String.format(Locale.ROOT, "%.1e", v.worst()) + where + ")";
    // a delta written where another one makes the claim hold
    List<Expr.Symbol> used = new ArrayList<>();
    AdHocDeltas.any(rhs, x -> {
      if (x instanceof Expr.Symbol s && deltas.ref(s).isPresent()) {
        used.add(s);
      }
      return false;
    });
    for (Expr.Symbol u : used) {
      for (Expr.Symbol other : alternatives(u)) {
        Expr swapped = Rewrite.bottomUp(rhs, x -> x == u ? other : x);
        Optional<Verdict> w = evaluate(lhs, swapped);
        if (w.isPresent() && w.get().holds()) {
          return Finding.at(at, Severity.ERROR, head + "; wrong delta: " + tex(u) + " is written where "
              + tex(other) + " belongs (with it, the claim holds).", tex(written) + " = "
              + tex(swapped));
        }
      }
    }
    // a Jacobian written as its own diagonal: the derivative taken entry by entry
    if (lhs instanceof Expr.Partial jp && diagonalOnly(lhs, rhs, v.firstFailure())) {
      // the softmax's own Jacobian, diag(p) - p p^T in the author's symbol, offered where it holds
      Expr p = jp.of();
      Expr full = Expr.sum(List.of(new Expr.Diag(p), new Expr.Negate(new Expr.Product(List.of(p, new Expr.Transpose(p)),
          Expr.ProductStyle.JUXTAPOSE))));
      boolean softmax = softmaxOf(lhs) && evaluate(lhs, full).map(Verdict::holds).orElse(false);
      String message = head + "; elementwise: the right side is only the Jacobian's diagonal, as if each entry depended on"
          + " its own input alone, and every entry off the diagonal is lost" + (softmax ? " (the softmax's Jacobian is the"
          + " full matrix: each output depends on every score through the normalising sum)." : ".");
      return softmax ? Finding.at(at, Severity.ERROR, message, tex(written) + " = " + tex(full))
          : Finding.at(at, Severity.ERROR, message);
    }
    // one term too many: without it the claim holds
    Optional<ExtraTerms.Dropped> extra = ExtraTerms.of(rhs, x -> evaluate(lhs, x).map(Verdict::holds).orElse(false));
    if (extra.isPresent()) {
      return Finding.at(at, Severity.ERROR, head + "; extra term: " + tex(extra.get().term()) + " does not belong (without it,"
          + " the claim holds: nothing the loss reads is reached that way).", tex(written) + " = " + tex(extra.get().rest()));
    }
    // the right side is another weight's gradient: the left side is mislabelled
    if (lhs instanceof Expr.Partial p && p.by() instanceof Expr.Symbol by) {
      Optional<AuthorRef> b = AuthorRef.read(by, network::isStaged, network::knows);
      for (String param : network.paramLeaves) {
        if (b.isEmpty() || param.equals(b.get().base()) || b.get().staged()) {
          continue;
        }
        String name = b.get().indices().isEmpty() ? param : param + "_" + String.join("", b.get().indices().stream()
            .map(i -> i.letter().orElse("")).toList());
        Expr other = new Expr.Partial(p.of(), new Expr.Symbol(name, Optional.empty(), by.role()));
        try {
          Optional<Verdict> w = evaluate(other, rhs);
          if (w.isPresent() && w.get().holds()) {
            return Finding.at(at, Severity.ERROR, head + "; left side: the right side is " + tex(other)
                + ", the gradient of another weight.", tex(other) + " = " + tex(rhs));
          }
        } catch (AuthorFormula.Unreadable | AuthorNetwork.Missing e) {
          // not this weight
        }
      }
    }
    // a matrix power one step off
    List<Expr> powers = new ArrayList<>();
    AdHocDeltas.any(rhs, x -> {
      if (x instanceof Expr.Power p && p.exponent() > 1) {
        powers.add(x);
      }
      return false;
    });
    List<Expr> symbolic = new ArrayList<>();
    AdHocDeltas.any(rhs, x -> {
      if (x instanceof Expr.Apply a && a.function().equals("pow") && a.arguments().size() == 2) {
        symbolic.add(x);
      }
      return false;
    });
    for (Expr pw : symbolic) {
      Expr.Apply a = (Expr.Apply) pw;
      Expr e = a.arguments().get(1);
      for (Expr k : List.of(AuthorSlips.shifted(e, 1), AuthorSlips.shifted(e, -1))) {
        Expr changed = Rewrite.bottomUp(rhs, x -> x.equals(pw) ? new Expr.Apply("pow", List.of(a.arguments().get(0), k)) : x);
        Optional<Verdict> f = evaluate(lhs, changed);
        if (f.isPresent() && f.get().holds()) {
          return Finding.at(at, Severity.ERROR, head + "; power: the exponent " + tex(e) + " is one off; with " + tex(k)
              + " (one factor per step between the two stages) the claim holds.", tex(written) + " = " + tex(changed));
        }
      }
    }
    for (Expr pw : powers) {
      Expr.Power p = (Expr.Power) pw;
      for (int k : new int[] {p.exponent() + 1, p.exponent() - 1}) {
        Expr changed = Rewrite.bottomUp(rhs, x -> x.equals(pw) ? new Expr.Power(p.base(), k) : x);
        Optional<Verdict> f = evaluate(lhs, changed);
        if (f.isPresent() && f.get().holds()) {
          return Finding.at(at, Severity.ERROR, head + "; power: the exponent " + p.exponent() + " should be " + k
              + " (one factor per step between the two stages; with it, the claim holds).", tex(written) + " = " + tex(changed));
        }
      }
    }
    // a weight written where its transpose belongs
    List<Expr.Symbol> weights = new ArrayList<>();
    AdHocDeltas.any(rhs, x -> {
      if (x instanceof Expr.Symbol s && s.time().isEmpty() && network.paramLeaves.contains(s.name())
          && AuthorNetwork.capital(s.name())) {
        weights.add(s);
      }
      return false;
    });
    for (Expr.Symbol w : weights) {
      Expr flipped = Rewrite.bottomUp(rhs, x -> x instanceof Expr.Transpose tr && tr.operand() == w ? w
          : x == w ? new Expr.Transpose(w) : x);
      Optional<Verdict> f = evaluate(lhs, flipped);
      if (f.isPresent() && f.get().holds()) {
        return Finding.at(at, Severity.ERROR, head + "; transpose: " + tex(w) + " is written where its transpose belongs"
            + " (with it, the claim holds).", tex(written) + " = " + tex(flipped));
      }
    }
    Optional<Verdict> t = evaluate(new Expr.Transpose(lhs), rhs);
    if (t.isPresent() && t.get().holds()) {
      return Finding.at(at, Severity.ERROR, head + "; the right side is the transpose of the left.");
    }
    return new AuthorSlips(this, network).of(lhs, rhs, head, at, written)
        .orElse(Finding.at(at, Severity.ERROR, head + "."));
  }

  /** Whether, at the reading where the claim first fails, the right side is the left side's diagonal and nothing else. */
  private boolean diagonalOnly(Expr lhs, Expr rhs, Map<String, Integer> reading) {
    Set<String> times = new LinkedHashSet<>();
    free(lhs, Set.of(), times, new LinkedHashSet<>());
    free(rhs, Set.of(), times, new LinkedHashSet<>());
    Map<String, Integer> t = new HashMap<>();
    Map<String, Integer> c = new HashMap<>();
    reading.forEach((k, x) -> (times.contains(k) ? t : c).put(k, x));
    try {
      AuthorFormula f = new AuthorFormula(deltas.base(), deltas, t, c);
      return DiagonalJacobian.isDiagonalOf(f.eval(rhs), f.eval(lhs));
    } catch (AuthorFormula.Unreadable | AuthorNetwork.Missing e) {
      return false;
    }
  }

  /** Whether a Jacobian's value is one the document's equations define with a softmax. */
  private boolean softmaxOf(Expr lhs) {
    if (!(lhs instanceof Expr.Partial p) || !(p.of() instanceof Expr.Symbol of)) {
      return false;
    }
    Expr def = network.staged.containsKey(of.name()) ? network.staged.get(of.name()) : network.timeless.get(of.name());
    return def instanceof Expr.Apply a && a.function().equals("softmax");
  }

  /** The deltas that could stand where {@code u} is written: another family at the same stage, another number. */
  private List<Expr.Symbol> alternatives(Expr.Symbol u) {
    AuthorRef r = deltas.ref(u).orElseThrow();
    List<Expr.Symbol> out = new ArrayList<>();
    for (String f : deltas.families()) {
      if (deltas.timed(r.base()) && deltas.timed(f) && !f.equals(r.base())) {
        String name = u.time().isPresent() ? f : f + u.name().substring(r.base().length());
        out.add(new Expr.Symbol(name, u.time(), u.role()));
      }
    }
    if (!deltas.timed(r.base()) && r.stage().isPresent()) {
      for (int k = 1; k <= 60; k++) {
        Expr.Symbol other = new Expr.Symbol(r.base() + "_" + k, Optional.empty(), u.role());
        if (k != r.stage().getAsInt()) {
          try {
            deltas.at(r.base(), k);
            out.add(other);
          } catch (AuthorFormula.Unreadable | AuthorNetwork.Missing e) {
            // no such node
          }
        }
      }
    }
    return out;
  }
}
