package dev.unroll.expr;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rebuilds an expression bottom-up, letting a rule replace any node after its children were rebuilt.
 * Time shifts and placeholder bindings are rules of this kind.
 */
public final class Rewrite {
  private Rewrite() {}

  public static Expr bottomUp(Expr e, UnaryOperator<Expr> rule) {
    Expr rebuilt;
    if (e instanceof Expr.Partial p) {
      rebuilt = new Expr.Partial(bottomUp(p.of(), rule), bottomUp(p.by(), rule));
    } else if (e instanceof Expr.Product p) {
      rebuilt = new Expr.Product(all(p.factors(), rule), p.style());
    } else if (e instanceof Expr.Sum s) {
      rebuilt = new Expr.Sum(all(s.terms(), rule));
    } else if (e instanceof Expr.Negate n) {
      rebuilt = new Expr.Negate(bottomUp(n.operand(), rule));
    } else if (e instanceof Expr.Power p) {
      rebuilt = new Expr.Power(bottomUp(p.base(), rule), p.exponent());
    } else if (e instanceof Expr.Transpose t) {
      rebuilt = new Expr.Transpose(bottomUp(t.operand(), rule));
    } else if (e instanceof Expr.Diag d) {
      rebuilt = new Expr.Diag(bottomUp(d.operand(), rule));
    } else if (e instanceof Expr.Hadamard h) {
      rebuilt = new Expr.Hadamard(bottomUp(h.left(), rule), bottomUp(h.right(), rule));
    } else if (e instanceof Expr.Apply a) {
      rebuilt = new Expr.Apply(a.function(), all(a.arguments(), rule));
    } else if (e instanceof Expr.Series x) {
      rebuilt = new Expr.Series(x.kind(), x.index(), x.from(), x.to(), x.descending(), x.style(), bottomUp(x.body(), rule));
    } else {
      rebuilt = e;
    }
    return rule.apply(rebuilt);
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

  private static List<Expr> all(List<Expr> xs, UnaryOperator<Expr> rule) {
    return xs.stream().map(x -> bottomUp(x, rule)).toList();
  }
}
