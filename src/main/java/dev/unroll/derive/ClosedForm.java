package dev.unroll.derive;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;

/**
 * The sum over N stages in closed form, with {@code \sum} and {@code \prod}, built from a
 * {@link Recurrence} that {@link Forms#recurrence} found by comparing derived terms. Also expands a
 * closed form back into its terms, so that it can be checked against the expanded derivation.
 *
 * <p>Chain notation: {@code \sum_k first \cdot \prod_{j} (W \cdot \partial s_j/\partial z_j) \cdot
 * s_{k-1}}, the product's factors from {@code j = t} on the left down to {@code j = k}. Matrix form:
 * {@code \sum_k \prod_{j=k}^{t} (D_j W^T) \delta_{t+1} s_{k-1}^T}, factors from {@code j = k} up.
 */
public final class ClosedForm {
  /** The inner product's index. */
  public static final Time J = new Time("j", 0);

  private ClosedForm() {}

  /** The newest loss's sum in chain notation: {@code \\sum_k first \\cdot \\prod_j (...) \\cdot end_k}. */
  public static Expr chain(Recurrence r) {
    return chainFrom(r, r.first());
  }

  /** The newest loss's sum in column form: {@code \\sum_k \\prod_j (...) \\delta_{t+1} end_k^T}. */
  public static Expr matrix(Recurrence r) {
    return matrixFrom(r, r.first());
  }

  /**
   * The total loss's double sum in chain notation: the loss of stage i contributes the same sum as the
   * newest loss, started at i instead of t+1 (the cell is the same at every stage).
   */
  public static Expr totalChain(Recurrence r) {
    return overLosses(r, chainFrom(r, I));
  }

  public static Expr totalMatrix(Recurrence r) {
    return overLosses(r, matrixFrom(r, I));
  }

  /** The outer index of the total loss's sum, over the stage whose loss is taken. */
  public static final Time I = new Time("i", 0);

  private static Expr overLosses(Recurrence r, Expr body) {
    return new Expr.Series(Expr.SeriesKind.SUM, I, r.first(), r.last(), true, Expr.ProductStyle.JUXTAPOSE, body);
  }

  private static Expr chainFrom(Recurrence r, Time first) {
    Time k = Recurrence.K;
    Expr product = new Expr.Series(Expr.SeriesKind.PRODUCT, J, first.plus(-1), k, true, Expr.ProductStyle.CHAIN,
        Rewrite.retime(r.chainFactor(), k, J));
    List<Expr> factors = new ArrayList<>(factors(Rewrite.retime(r.firstChain(), r.first(), first), Expr.ProductStyle.CHAIN));
    factors.add(product);
    r.end().ifPresent(factors::add);
    return sum(first, r.last(), Expr.chain(factors));
  }

  private static Expr matrixFrom(Recurrence r, Time first) {
    Time k = Recurrence.K;
    Expr product = new Expr.Series(Expr.SeriesKind.PRODUCT, J, k, first.plus(-1), false, Expr.ProductStyle.JUXTAPOSE,
        Rewrite.retime(r.columnFactor(), k, J));
    List<Expr> factors = new ArrayList<>();
    factors.add(product);
    factors.addAll(factors(Rewrite.retime(r.firstDelta(), r.first(), first), Expr.ProductStyle.JUXTAPOSE));
    r.end().ifPresent(e -> factors.add(new Expr.Transpose(e)));
    return sum(first, r.last(), Expr.juxtapose(factors));
  }

  private static Expr sum(Time first, Time last, Expr body) {
    // Newest term first, as the walk finds them.
    return new Expr.Series(Expr.SeriesKind.SUM, Recurrence.K, first, last, true, Expr.ProductStyle.JUXTAPOSE, body);
  }

  /** The term of a closed sum {@code \\sum_k body} at one stage k, written out. */
  public static Expr term(Expr closedSum, Time k) {
    if (!(closedSum instanceof Expr.Series s) || s.kind() != Expr.SeriesKind.SUM) {
      throw new IllegalArgumentException("term needs a closed sum, got " + closedSum + ".");
    }
    return expand(Rewrite.retime(s.body(), s.index(), k));
  }

  /**
   * Expands every series whose bounds are known stages into its terms or factors, outermost first, and
   * flattens the result: nested products of one style become one product, empty products vanish.
   *
   * @throws IllegalArgumentException when a series runs between stages of different index variables
   */
  public static Expr expand(Expr e) {
    if (e instanceof Expr.Series s) {
      List<Expr> items = new ArrayList<>();
      int from = s.from().offset();
      int to = s.to().offset();
      if (!s.from().variable().equals(s.to().variable())) {
        throw new IllegalArgumentException("Cannot expand a series from " + s.from() + " to " + s.to() + ".");
      }
      int step = s.descending() ? -1 : 1;
      for (int v = from; s.descending() ? v >= to : v <= to; v += step) {
        items.add(expand(Rewrite.retime(s.body(), s.index(), new Time(s.from().variable(), v))));
      }
      if (s.kind() == Expr.SeriesKind.SUM) {
        return items.isEmpty() ? new Expr.Num(0) : flatSum(items);
      }
      return product(items, s.style());
    }
    if (e instanceof Expr.Product p) {
      return product(p.factors().stream().map(ClosedForm::expand).toList(), p.style());
    }
    if (e instanceof Expr.Sum s) {
      return flatSum(s.terms().stream().map(ClosedForm::expand).toList());
    }
    return e;
  }

  private static Expr flatSum(List<Expr> items) {
    List<Expr> flat = new ArrayList<>();
    for (Expr x : items) {
      if (x instanceof Expr.Sum s) {
        flat.addAll(s.terms());
      } else {
        flat.add(x);
      }
    }
    return Expr.sum(flat);
  }

  private static Expr product(List<Expr> items, Expr.ProductStyle style) {
    List<Expr> flat = new ArrayList<>();
    for (Expr x : items) {
      flat.addAll(factors(x, style));
    }
    if (flat.isEmpty()) {
      return EMPTY_PRODUCT;
    }
    return flat.size() == 1 ? flat.get(0) : new Expr.Product(flat, style);
  }

  /** The factors of a product of the given style, or the expression itself; none for an empty product. */
  private static List<Expr> factors(Expr e, Expr.ProductStyle style) {
    if (e.equals(EMPTY_PRODUCT)) {
      return List.of();
    }
    if (e instanceof Expr.Product p && p.style() == style) {
      return p.factors();
    }
    return List.of(e);
  }

  /** What an empty product expands to; it disappears inside any product it stands in. */
  private static final Expr EMPTY_PRODUCT = new Expr.Apply("emptyproduct", List.of());
}
