package dev.unroll.expr;

import java.util.function.UnaryOperator;

/**
 * Rebuilds an expression bottom-up, letting a rule replace any node after its children were rebuilt.
 * Time shifts and placeholder bindings are rules of this kind.
 */
public final class Rewrite {
  private Rewrite() {}

  public static Expr bottomUp(Expr e, UnaryOperator<Expr> rule) {
    return rule.apply(children(e, x -> bottomUp(x, rule)));
  }

  /**
   * The same node with {@code f} applied to each of its direct children (a leaf is returned as it
   * is): one level of a rewrite, for walks that decide themselves how to descend.
   */
  public static Expr children(Expr e, UnaryOperator<Expr> f) {
    if (e instanceof Expr.Partial p) {
      return new Expr.Partial(f.apply(p.of()), f.apply(p.by()));
    } else if (e instanceof Expr.Product p) {
      return new Expr.Product(p.factors().stream().map(f).toList(), p.style());
    } else if (e instanceof Expr.Sum s) {
      return new Expr.Sum(s.terms().stream().map(f).toList());
    } else if (e instanceof Expr.Negate n) {
      return new Expr.Negate(f.apply(n.operand()));
    } else if (e instanceof Expr.Power p) {
      return new Expr.Power(f.apply(p.base()), p.exponent());
    } else if (e instanceof Expr.Transpose t) {
      return new Expr.Transpose(f.apply(t.operand()));
    } else if (e instanceof Expr.Diag d) {
      return new Expr.Diag(f.apply(d.operand()));
    } else if (e instanceof Expr.Hadamard h) {
      return new Expr.Hadamard(f.apply(h.left()), f.apply(h.right()));
    } else if (e instanceof Expr.Apply a) {
      return new Expr.Apply(a.function(), a.arguments().stream().map(f).toList());
    } else if (e instanceof Expr.Series x) {
      return new Expr.Series(x.kind(), x.index(), x.from(), x.to(), x.descending(), x.style(), f.apply(x.body()));
    }
    return e;
  }

  /** Moves every time subscript by {@code delta} stages: {@code s_{t-1}} shifted by 1 is {@code s_t}. */
  public static Expr shift(Expr e, int delta) {
    return bottomUp(e, x -> x instanceof Expr.Symbol s && s.time().isPresent()
        ? s.withTime(s.time().get().plus(delta)) : x);
  }

  /**
   * Renames stage {@code anchor} to the index {@code index}: {@code s_{t-1}} with anchor {@code t} and
   * index {@code k} becomes {@code s_{k-1}}; times on other variables are kept.
   */
  public static Expr retime(Expr e, Time anchor, Time index) {
    return bottomUp(e, x -> {
      if (x instanceof Expr.Symbol s && s.time().isPresent() && s.time().get().variable().equals(anchor.variable())) {
        return s.withTime(retime(s.time().get(), anchor, index));
      }
      if (x instanceof Expr.Series r) {
        return new Expr.Series(r.kind(), r.index(), retime(r.from(), anchor, index), retime(r.to(), anchor, index),
            r.descending(), r.style(), r.body());
      }
      return x;
    });
  }

  private static Time retime(Time time, Time anchor, Time index) {
    return time.variable().equals(anchor.variable()) ? index.plus(time.offset() - anchor.offset()) : time;
  }
}
