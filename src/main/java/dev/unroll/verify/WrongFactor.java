package dev.unroll.verify;

import dev.unroll.cell.Declaration;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Says which one value a claim that failed has in the wrong place: if putting another of the
 * network's values, or the same value one stage earlier or later, in place of one written value makes
 * the claim hold at every stage it is read at, that is the slip ({@code 1 - \tanh^2(C_{t-1})} for
 * {@code 1 - \tanh^2(C_t)} is the wrong stage; {@code s_t} for the candidate {@code h_t}, or
 * {@code x_t} for {@code h_{t-1}}, the wrong factor). Each candidate is evaluated in the same seeded
 * network the claim failed in; nothing is said when no single change repairs it.
 */
final class WrongFactor {
  /** At most this many written values are tried, so a long formula stays quick to judge. */
  private static final int MOST_VALUES = 24;
  /** Claims read over more stages than this are not searched for a slip. */
  private static final int MOST_STAGES = 12;

  private WrongFactor() {}

  /** "wrong stage: C_{t-1} where ... C_{t}", or "wrong factor: ...", if one change repairs the claim. */
  static Optional<String> of(AdjointClaims.Claim c, StageFrame frame, NumericWorld world, List<String> free,
      Notation notation) {
    if (free.size() > 1 || world.graph().steps() > MOST_STAGES) {
      return Optional.empty(); // every candidate is evaluated at every reading: kept to short networks
    }
    List<Expr.Symbol> written = new ArrayList<>();
    Rewrite.bottomUp(c.rhs(), x -> {
      if (x instanceof Expr.Symbol s && isTimed(s)) {
        written.add(s);
      }
      return x;
    });
    List<String> names = notation.spelling().keySet().stream()
        .filter(n -> isValue(new Expr.Symbol(n, Optional.of(Time.t(0)), Expr.Role.STATE), notation, world)).toList();
    for (int i = 0; i < Math.min(written.size(), MOST_VALUES); i++) {
      Expr.Symbol was = written.get(i);
      if (!isValue(was, notation, world)) {
        continue;
      }
      Time at = was.time().get();
      List<Expr.Symbol> candidates = new ArrayList<>();
      candidates.add(was.withTime(at.plus(-1)));
      candidates.add(was.withTime(at.plus(1)));
      for (String n : names) {
        if (!n.equals(was.name())) {
          for (int d : new int[] {0, -1, 1}) {
            candidates.add(new Expr.Symbol(n, Optional.of(at.plus(d)), was.role()));
          }
        }
      }
      for (Expr.Symbol instead : candidates) {
        Expr one = replace(c.rhs(), i, instead);
        // a value written twice (1 - s_t \circ s_t) is wrong twice: every occurrence is changed as well
        Expr every = Rewrite.bottomUp(c.rhs(), x -> x.equals(was) ? instead : x);
        if (holds(new AdjointClaims.Claim(c.kind(), c.loss(), c.target(), c.transposed(), c.lhs(), one), frame, world,
            free) || !every.equals(one) && holds(new AdjointClaims.Claim(c.kind(), c.loss(), c.target(), c.transposed(), c.lhs(), every), frame, world,
            free)) {
          String kind = instead.name().equals(was.name()) ? "wrong stage" : "wrong factor";
          return Optional.of(kind + ": " + WrittenTex.of(was) + " where " + WrittenTex.of(instead) + " belongs");
        }
      }
    }
    return transposed(c, frame, world, free, notation);
  }

  /** "a missing transpose: W_h where W_h^T belongs" (or an extra one), if one weight turned round repairs the claim. */
  private static Optional<String> transposed(AdjointClaims.Claim c, StageFrame frame, NumericWorld world,
      List<String> free, Notation notation) {
    java.util.function.Predicate<Expr.Symbol> matrix = m -> m.time().isEmpty() && notation.resolve(m)
        .flatMap(r -> world.graph().cell().declaration(r.name())).map(Declaration::isMatrix).orElse(false);
    for (int i = 0; i < MOST_VALUES; i++) {
      int[] seen = {0};
      Expr[] was = {null};
      Expr rhs = toggle(c.rhs(), i, seen, matrix, was);
      if (seen[0] <= i) {
        break;
      }
      if (holds(new AdjointClaims.Claim(c.kind(), c.loss(), c.target(), c.transposed(), c.lhs(), rhs), frame, world, free)) {
        boolean missing = was[0] instanceof Expr.Symbol;
        Expr m = missing ? was[0] : ((Expr.Transpose) was[0]).operand();
        return Optional.of((missing ? "a missing transpose: " : "an extra transpose: ") + WrittenTex.of(was[0]) + " where "
            + WrittenTex.of(missing ? new Expr.Transpose(m) : m) + " belongs");
      }
    }
    return Optional.empty();
  }

  private static Expr toggle(Expr e, int index, int[] seen, java.util.function.Predicate<Expr.Symbol> matrix, Expr[] was) {
    if (e instanceof Expr.Transpose t && t.operand() instanceof Expr.Symbol m && matrix.test(m)) {
      if (seen[0]++ == index) {
        was[0] = e;
        return m;
      }
      return e;
    }
    if (e instanceof Expr.Symbol m && matrix.test(m)) {
      if (seen[0]++ == index) {
        was[0] = e;
        return new Expr.Transpose(m);
      }
      return e;
    }
    return Rewrite.children(e, x -> toggle(x, index, seen, matrix, was));
  }

  /** A per-stage value of the network (not the loss, not a parameter) that the notation maps. */
  private static boolean isValue(Expr.Symbol s, Notation notation, NumericWorld world) {
    return notation.resolve(s).map(r -> !r.name().equals(world.graph().cell().loss())
        && world.graph().cell().declaration(r.name()).map(d -> d.kind() != Declaration.Kind.PARAM
            && d.kind() != Declaration.Kind.TARGET).orElse(world.graph().cell().equationFor(r.name()).isPresent()))
        .orElse(false);
  }

  private static boolean holds(AdjointClaims.Claim c, StageFrame frame, NumericWorld world, List<String> free) {
    try {
      ClaimEvaluation ev = new ClaimEvaluation(c, frame, world, free);
      ev.run();
      return ev.instances > 0 && ev.failed.isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** {@code e} with its {@code index}-th timed value (in the order {@link Rewrite#bottomUp} meets them) replaced. */
  private static Expr replace(Expr e, int index, Expr.Symbol with) {
    int[] seen = {0};
    return Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Symbol s && s.time().isPresent() && isTimed(s)) {
        return seen[0]++ == index ? with : x;
      }
      return x;
    });
  }

  private static boolean isTimed(Expr.Symbol s) {
    return s.time().isPresent();
  }
}
