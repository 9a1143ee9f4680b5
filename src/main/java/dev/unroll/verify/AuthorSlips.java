package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the slip in a claim that the document's own network ({@link AuthorClaims}) finds false, when
 * one small change to what is written makes it hold at every reading: a value at the wrong stage
 * ({@code h_k} where {@code h_{k-1}} belongs), a sum's or product's limit off by one ({@code j = k}
 * for {@code j = k+1}), or an activation's derivative written in the other activation's form
 * ({@code 1 - h_t^2}, tanh's, where a sigmoid network needs {@code h_t (1 - h_t)}). Each candidate is
 * evaluated in the same seeded network as the claim, so a slip is named only when the changed claim is
 * true there; nothing is said when no single change repairs it.
 */
final class AuthorSlips {
  /** At most this many candidate changes are evaluated, so a long formula stays quick to judge. */
  private static final int MOST_TRIES = 40;

  private final AuthorClaims claims;
  private final AuthorNetwork network;

  AuthorSlips(AuthorClaims claims, AuthorNetwork network) {
    this.claims = claims;
    this.network = network;
  }

  /** One change to the right side, and how to say it. */
  private record Change(Expr changed, String says) {}

  /**
   * The finding for {@code lhs = rhs} if one change repairs it.
   *
   * @param head the finding's opening ("this is not ...: the two sides differ (...)")
   * @param written the left side as the author wrote it, for the corrected equation
   */
  Optional<Finding> of(Expr lhs, Expr rhs, String head, Position at, Expr written) {
    List<Change> changes = new ArrayList<>();
    derivativeForms(rhs, changes);
    limits(rhs, changes);
    stages(rhs, changes);
    int tried = 0;
    for (Change c : changes) {
      if (tried++ >= MOST_TRIES) {
        break;
      }
      try {
        Optional<AuthorClaims.Verdict> v = claims.evaluate(lhs, c.changed());
        if (v.isPresent() && v.get().holds()) {
          return Optional.of(Finding.at(at, Severity.ERROR, head + "; " + c.says() + " (with it, the claim holds).",
              tex(written) + " = " + tex(c.changed())));
        }
      } catch (AuthorFormula.Unreadable | AuthorNetwork.Missing e) {
        // this change leaves the formula unreadable: not the slip
      }
    }
    return Optional.empty();
  }

  /** {@code 1 - v^2} (tanh's derivative in its output) for {@code v (1 - v)} (the sigmoid's), and back. */
  private void derivativeForms(Expr rhs, List<Change> out) {
    for (Expr x : occurrences(rhs, e -> tanhForm(e).isPresent() || sigmoidForm(e).isPresent())) {
      Optional<Expr> t = tanhForm(x);
      Expr v = t.or(() -> sigmoidForm(x)).orElseThrow();
      Expr other = t.isPresent() ? Expr.juxtapose(List.of(v, oneMinus(v))) : new Expr.Sum(List.of(new Expr.Num(1),
          new Expr.Negate(new Expr.Power(v, 2))));
      String says = t.isPresent()
          ? "wrong factor: " + tex(x) + " is the derivative of tanh (written in its output), where this network's "
              + "activation needs the sigmoid's, " + tex(other)
          : "wrong factor: " + tex(x) + " is the derivative of the sigmoid (written in its output), where this "
              + "network's activation needs tanh's, " + tex(other);
      out.add(new Change(replace(rhs, x, other), says));
    }
  }

  /** A sum's or product's lower or upper limit moved by one. */
  private void limits(Expr rhs, List<Change> out) {
    for (Expr x : occurrences(rhs, e -> e instanceof Expr.Apply a && (a.function().equals("sum")
        || a.function().equals("prod")) && a.arguments().size() == 3)) {
      Expr.Apply a = (Expr.Apply) x;
      String what = a.function().equals("sum") ? "the sum's" : "the product's";
      if (a.arguments().get(0) instanceof Expr.Apply r && r.function().equals("relation") && r.arguments().size() == 2) {
        for (int by : new int[] {1, -1}) {
          Expr from = shifted(r.arguments().get(1), by);
          Expr lower = new Expr.Apply("relation", List.of(r.arguments().get(0), from));
          out.add(new Change(replace(rhs, x, new Expr.Apply(a.function(), List.of(lower, a.arguments().get(1),
              a.arguments().get(2)))), "off by one: " + what + " lower limit " + tex(r.arguments().get(0)) + " = "
              + tex(r.arguments().get(1)) + " should be " + tex(r.arguments().get(0)) + " = " + tex(from)));
        }
      }
      Expr upper = a.arguments().get(1);
      if (!(upper instanceof Expr.Apply e && e.function().equals("empty"))) {
        for (int by : new int[] {1, -1}) {
          Expr to = shifted(upper, by);
          out.add(new Change(replace(rhs, x, new Expr.Apply(a.function(), List.of(a.arguments().get(0), to,
              a.arguments().get(2)))), "off by one: " + what + " upper limit " + tex(upper) + " should be " + tex(to)));
        }
      }
    }
  }

  /** A value of the network (or an input) one stage earlier or later. */
  private void stages(Expr rhs, List<Change> out) {
    for (Expr x : occurrences(rhs, e -> e instanceof Expr.Symbol s && s.time().isPresent()
        && (network.isStaged(s.name()) || network.stagedLeaves.contains(s.name())))) {
      Expr.Symbol s = (Expr.Symbol) x;
      for (int by : new int[] {-1, 1}) {
        Expr.Symbol moved = new Expr.Symbol(s.name(), Optional.of(s.time().get().plus(by)), s.role());
        out.add(new Change(replace(rhs, x, moved), "wrong stage: " + tex(s) + " is written where " + tex(moved)
            + " belongs"));
      }
    }
  }

  /** {@code v} of {@code 1 - v^2}. */
  private static Optional<Expr> tanhForm(Expr e) {
    if (e instanceof Expr.Sum s && s.terms().size() == 2 && s.terms().get(0) instanceof Expr.Num n && n.value() == 1
        && s.terms().get(1) instanceof Expr.Negate m && m.operand() instanceof Expr.Power p && p.exponent() == 2) {
      return Optional.of(p.base());
    }
    return Optional.empty();
  }

  /** {@code v} of {@code v (1 - v)}, {@code v \odot (1 - v)}. */
  private static Optional<Expr> sigmoidForm(Expr e) {
    List<Expr> two = e instanceof Expr.Product p && p.factors().size() == 2 ? p.factors()
        : e instanceof Expr.Hadamard h ? List.of(h.left(), h.right()) : List.of();
    if (two.size() == 2 && two.get(1).equals(oneMinus(two.get(0)))) {
      return Optional.of(two.get(0));
    }
    return Optional.empty();
  }

  private static Expr oneMinus(Expr v) {
    return new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(v)));
  }

  /** A limit or exponent moved by one: {@code k} to {@code k+1}, {@code T-k-1} to {@code T-k}, {@code 2} to {@code 3}. */
  static Expr shifted(Expr e, int by) {
    List<Expr> terms = new ArrayList<>(e instanceof Expr.Sum s ? s.terms() : List.of(e));
    Expr last = terms.get(terms.size() - 1);
    long c = last instanceof Expr.Num n ? n.value() : last instanceof Expr.Negate m && m.operand() instanceof Expr.Num n
        ? -n.value() : 0;
    if (last instanceof Expr.Num || last instanceof Expr.Negate m && m.operand() instanceof Expr.Num) {
      terms.remove(terms.size() - 1);
    }
    long next = c + by;
    if (next != 0 || terms.isEmpty()) {
      terms.add(next < 0 && !terms.isEmpty() ? new Expr.Negate(new Expr.Num(-next)) : new Expr.Num(next));
    }
    return Expr.sum(terms);
  }

  /** Every subexpression of {@code e} that {@code wanted} accepts, outermost first, each node once. */
  private static List<Expr> occurrences(Expr e, java.util.function.Predicate<Expr> wanted) {
    Map<Expr, Boolean> seen = new IdentityHashMap<>();
    List<Expr> out = new ArrayList<>();
    AdHocDeltas.any(e, x -> {
      if (wanted.test(x) && seen.put(x, true) == null) {
        out.add(x);
      }
      return false;
    });
    return out;
  }

  /** {@code e} with the one node {@code node} (by identity, so an equal node elsewhere stays) replaced. */
  private static Expr replace(Expr e, Expr node, Expr by) {
    return e == node ? by : Rewrite.children(e, x -> replace(x, node, by));
  }

  private static String tex(Expr e) {
    return WrittenTex.of(e).replace("d:", "\\mathrm{d}");
  }
}
