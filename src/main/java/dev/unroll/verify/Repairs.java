package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Names what is wrong with a claim that failed, by finding the one small edit of the written right
 * side that makes it hold at every stage it was read at, in the same seeded network: a limit of a
 * {@code \sum} or {@code \prod} moved by one (off by one), a value taken one stage earlier or later
 * (wrong stage), a matrix power one higher or lower (power), a weight transposed or not (transpose),
 * a sum written term by term continued one stage further (missing term, {@link WrittenSeries}), a term
 * dropped (extra term). Edits are tried in that order and the first that holds is the answer;
 * none may hold, and then nothing is said beyond the difference. The edit is made in the author's own
 * expression, so the corrected side is written in the author's symbols.
 */
final class Repairs {
  /** The most edits tried for one claim: a long formula is diagnosed by its difference alone. */
  static final int MAX_EDITS = 60;
  /** The most readings (settings of free time variables) an edit is tried at. */
  static final int MAX_READINGS = 40;

  /** An edit that makes the claim hold: what it says is wrong, and the right side corrected. */
  record Repair(String what, Expr rhs) {}

  private record Edit(String what, Expr rhs) {}

  private final AdjointClaims.Claim claim;
  private final StageFrame frame;
  private final NumericWorld world;
  private final List<String> free;
  private final int readings;

  Repairs(AdjointClaims.Claim claim, StageFrame frame, NumericWorld world, ClaimEvaluation failed) {
    this.claim = claim;
    this.frame = frame;
    this.world = world;
    List<String> vars = new ArrayList<>(frame.free(claim.lhs()));
    frame.free(claim.rhs()).stream().filter(v -> !vars.contains(v)).forEach(vars::add);
    this.free = vars;
    this.readings = failed.instances;
  }

  /** The first edit that makes the claim hold, if any. */
  Optional<Repair> find() {
    if (readings == 0 || readings > MAX_READINGS) {
      return Optional.empty();
    }
    List<Edit> edits = new ArrayList<>();
    edits.addAll(everywhere(claim.rhs(), this::limits));
    edits.addAll(everywhere(claim.rhs(), Repairs::powers));
    edits.addAll(everywhere(claim.rhs(), Repairs::transposes));
    edits.addAll(everywhere(claim.rhs(), Repairs::stages));
    WrittenSeries.continued(claim.rhs()).forEach(c -> edits.add(new Edit("missing term: " + WrittenTex.of(c.term())
        + " continues the terms written one per stage and is left out", c.rhs())));
    edits.addAll(dropped(claim.rhs()));
    int tried = 0;
    for (Edit e : edits) {
      if (++tried > MAX_EDITS) {
        break;
      }
      AdjointClaims.Claim edited = new AdjointClaims.Claim(claim.kind(), claim.loss(), claim.target(), claim.transposed(),
          claim.lhs(), e.rhs());
      ClaimEvaluation ev = new ClaimEvaluation(edited, frame, world, free);
      try {
        ev.run();
      } catch (RuntimeException x) {
        continue;
      }
      if (ev.instances == readings && ev.failed.isEmpty()) {
        return Optional.of(new Repair(e.what(), e.rhs()));
      }
    }
    return Optional.empty();
  }

  /**
   * The corrected side as LaTeX in the author's spelling, through the one emitter: the author's
   * {@code \sum} and {@code \prod} with limits in time variables become series, with their limits as written.
   */
  static String tex(Expr rhs, Notation notation) {
    Expr series = Rewrite.bottomUp(notation.toCell(rhs), x -> {
      if (x instanceof Expr.Apply a && (a.function().equals("sum") || a.function().equals("prod")) && a.arguments().size() == 3
          && a.arguments().get(0) instanceof Expr.Apply r && r.function().equals("relation") && r.arguments().size() == 2
          && r.arguments().get(0) instanceof Expr.Symbol index && index.time().isEmpty() && index.name().length() == 1) {
        Optional<Time> from = time(r.arguments().get(1));
        Optional<Time> to = time(a.arguments().get(1));
        if (from.isPresent() && to.isPresent()) {
          return new Expr.Series(a.function().equals("sum") ? Expr.SeriesKind.SUM : Expr.SeriesKind.PRODUCT,
              new Time(index.name(), 0), from.get(), to.get(), false, Expr.ProductStyle.JUXTAPOSE, a.arguments().get(2));
        }
      }
      return x;
    });
    return WrittenTex.correction(series, notation);
  }

  /** A limit that is a time: {@code t}, {@code k+1}. */
  private static Optional<Time> time(Expr v) {
    Optional<Expr> same = moved(v, 0);
    if (same.isEmpty() || v instanceof Expr.Num) {
      return Optional.empty();
    }
    Expr e = same.get();
    if (e instanceof Expr.Symbol s && s.name().length() == 1 && Character.isLowerCase(s.name().charAt(0))) {
      return Optional.of(new Time(s.name(), 0));
    }
    if (e instanceof Expr.Sum sum && sum.terms().get(0) instanceof Expr.Symbol s && s.name().length() == 1
        && Character.isLowerCase(s.name().charAt(0))) {
      long o = sum.terms().get(1) instanceof Expr.Num n ? n.value() : -((Expr.Num) ((Expr.Negate) sum.terms().get(1)).operand()).value();
      return Optional.of(new Time(s.name(), (int) o));
    }
    return Optional.empty();
  }

  /** Every way to make one edit somewhere in {@code e}: the edits of {@code e} itself, then of its parts. */
  private static List<Edit> everywhere(Expr e, java.util.function.Function<Expr, List<Edit>> edit) {
    List<Edit> out = new ArrayList<>(edit.apply(e));
    List<Expr> parts = Subexpressions.children(e);
    for (int i = 0; i < parts.size(); i++) {
      int at = i;
      for (Edit inner : everywhere(parts.get(i), edit)) {
        int[] seen = {0};
        Expr whole = Rewrite.children(e, c -> seen[0]++ == at ? inner.rhs() : c);
        out.add(new Edit(inner.what(), whole));
      }
    }
    return out;
  }

  /** A limit of a {@code \sum} or {@code \prod} one more or one less. */
  private List<Edit> limits(Expr e) {
    if (!(e instanceof Expr.Apply a) || !(a.function().equals("sum") || a.function().equals("prod"))
        || a.arguments().size() != 3) {
      return List.of();
    }
    List<Edit> out = new ArrayList<>();
    String op = "\\" + a.function();
    for (int i = 0; i < 2; i++) {
      Expr limit = a.arguments().get(i);
      boolean relation = limit instanceof Expr.Apply r && r.function().equals("relation") && r.arguments().size() == 2;
      Expr value = relation ? ((Expr.Apply) limit).arguments().get(1) : limit;
      if (i == 0 && !relation) {
        continue;
      }
      for (int d : new int[] {1, -1}) {
        Optional<Expr> moved = moved(value, d);
        if (moved.isEmpty()) {
          continue;
        }
        Expr newLimit = relation ? new Expr.Apply("relation", List.of(((Expr.Apply) limit).arguments().get(0), moved.get()))
            : moved.get();
        List<Expr> args = new ArrayList<>(a.arguments());
        args.set(i, newLimit);
        out.add(new Edit("off by one: the " + op + "'s " + (i == 0 ? "lower" : "upper") + " limit is "
            + WrittenTex.of(moved.get()) + ", not " + WrittenTex.of(value), new Expr.Apply(a.function(), args)));
      }
    }
    return out;
  }

  /** A limit moved by d: {@code t} to {@code t+1}, {@code k+1} to {@code k}, {@code 1} to {@code 0}. */
  private static Optional<Expr> moved(Expr v, int d) {
    if (v instanceof Expr.Num n) {
      return Optional.of(n.value() + d >= 0 ? new Expr.Num(n.value() + d) : new Expr.Negate(new Expr.Num(-(n.value() + d))));
    }
    Expr base = v;
    long offset = 0;
    if (v instanceof Expr.Sum s && s.terms().size() == 2 && s.terms().get(0) instanceof Expr.Symbol) {
      base = s.terms().get(0);
      Expr o = s.terms().get(1);
      if (o instanceof Expr.Num n) {
        offset = n.value();
      } else if (o instanceof Expr.Negate m && m.operand() instanceof Expr.Num n) {
        offset = -n.value();
      } else {
        return Optional.empty();
      }
    }
    if (!(base instanceof Expr.Symbol s) || s.time().isPresent()) {
      return Optional.empty();
    }
    long next = offset + d;
    return Optional.of(next == 0 ? base : new Expr.Sum(List.of(base, next > 0 ? new Expr.Num(next)
        : new Expr.Negate(new Expr.Num(-next)))));
  }

  /** A whole-number power one higher or lower: {@code (W^\top)^2} for {@code (W^\top)^3}, {@code W^{T-k-1}} for {@code W^{T-k}}. */
  private static List<Edit> powers(Expr e) {
    if (e instanceof Expr.Apply a && a.function().equals("pow") && a.arguments().size() == 2) {
      List<Edit> out = new ArrayList<>();
      for (int d : new int[] {1, -1}) {
        Expr exponent = plus(a.arguments().get(1), d);
        out.add(new Edit("power: the exponent is " + WrittenTex.of(exponent) + ", not " + WrittenTex.of(a.arguments().get(1))
            + " (one factor per step between the stages)", new Expr.Apply("pow", List.of(a.arguments().get(0), exponent))));
      }
      return out;
    }
    if (!(e instanceof Expr.Power p) || p.exponent() < 1) {
      return List.of();
    }
    List<Edit> out = new ArrayList<>();
    for (int d : new int[] {1, -1}) {
      int k = p.exponent() + d;
      if (k >= 1) {
        Expr fixed = k == 1 ? p.base() : new Expr.Power(p.base(), k);
        out.add(new Edit("power: the exponent is " + k + ", not " + p.exponent() + " (one factor per step between the"
            + " stages)", fixed));
      }
    }
    return out;
  }

  /** An exponent written in time variables, plus d: {@code T-k-1} plus one is {@code T-k}. */
  private static Expr plus(Expr e, int d) {
    List<Expr> terms = new ArrayList<>(e instanceof Expr.Sum s ? s.terms() : List.of(e));
    long constant = 0;
    Expr last = terms.get(terms.size() - 1);
    if (last instanceof Expr.Num n) {
      constant = n.value();
      terms.remove(terms.size() - 1);
    } else if (last instanceof Expr.Negate m && m.operand() instanceof Expr.Num n) {
      constant = -n.value();
      terms.remove(terms.size() - 1);
    }
    constant += d;
    if (constant != 0) {
      terms.add(constant > 0 ? new Expr.Num(constant) : new Expr.Negate(new Expr.Num(-constant)));
    }
    return terms.isEmpty() ? new Expr.Num(0) : Expr.sum(terms);
  }

  /** A weight transposed, or its transpose undone. */
  private static List<Edit> transposes(Expr e) {
    if (e instanceof Expr.Transpose t && isWeight(t.operand())) {
      return List.of(new Edit("transpose: " + WrittenTex.of(t.operand()) + " stands where its transpose "
          + WrittenTex.of(e) + " is written", t.operand()));
    }
    if (isWeight(e)) {
      return List.of(new Edit("transpose: " + WrittenTex.of(new Expr.Transpose(e)) + " belongs where " + WrittenTex.of(e)
          + " is written (a missing transpose)", new Expr.Transpose(e)));
    }
    return List.of();
  }

  private static boolean isWeight(Expr e) {
    return e instanceof Expr.Symbol s && s.time().isEmpty() && !s.name().isEmpty() && Character.isUpperCase(s.name().charAt(0));
  }

  /** One value taken one stage later or earlier. */
  private static List<Edit> stages(Expr e) {
    if (!(e instanceof Expr.Symbol s) || s.time().isEmpty()) {
      return List.of();
    }
    List<Edit> out = new ArrayList<>();
    for (int d : new int[] {1, -1}) {
      Time t = s.time().get().plus(d);
      Expr fixed = s.withTime(t);
      out.add(new Edit("wrong stage: " + WrittenTex.of(s) + " is written where " + WrittenTex.of(fixed) + " belongs", fixed));
    }
    return out;
  }

  /** One term of the right side's sum left out. */
  private static List<Edit> dropped(Expr rhs) {
    if (!(rhs instanceof Expr.Sum s) || s.terms().size() < 2) {
      return List.of();
    }
    List<Edit> out = new ArrayList<>();
    for (int i = 0; i < s.terms().size(); i++) {
      List<Expr> rest = new ArrayList<>(s.terms());
      Expr gone = rest.remove(i);
      out.add(new Edit("extra term: " + WrittenTex.of(gone) + " does not belong in it", Expr.sum(rest)));
    }
    return out;
  }
}
