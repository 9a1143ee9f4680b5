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

  public static Expr chain(Recurrence r) {
    Time k = Recurrence.K;
    Expr product = new Expr.Series(Expr.SeriesKind.PRODUCT, J, r.first().plus(-1), k, true, Expr.ProductStyle.CHAIN,
        Rewrite.retime(r.chainFactor(), k, J));
    List<Expr> factors = new ArrayList<>(factors(r.firstChain(), Expr.ProductStyle.CHAIN));
    factors.add(product);
    r.end().ifPresent(factors::add);
    return sum(r, Expr.chain(factors));
  }

  public static Expr matrix(Recurrence r) {
    Time k = Recurrence.K;
    Expr product = new Expr.Series(Expr.SeriesKind.PRODUCT, J, k, r.first().plus(-1), false, Expr.ProductStyle.JUXTAPOSE,
        Rewrite.retime(r.columnFactor(), k, J));
    List<Expr> factors = new ArrayList<>();
    factors.add(product);
    factors.addAll(factors(r.firstDelta(), Expr.ProductStyle.JUXTAPOSE));
    r.end().ifPresent(e -> factors.add(new Expr.Transpose(e)));
    return sum(r, Expr.juxtapose(factors));
  }

  private static Expr sum(Recurrence r, Expr body) {
    // Newest term first, as the walk finds them.
    return new Expr.Series(Expr.SeriesKind.SUM, Recurrence.K, r.first(), r.last(), true, Expr.ProductStyle.JUXTAPOSE, body);
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
        return items.isEmpty() ? new Expr.Num(0) : Expr.sum(items);
      }
      return product(items, s.style());
    }
    if (e instanceof Expr.Product p) {
      return product(p.factors().stream().map(ClosedForm::expand).toList(), p.style());
    }
    if (e instanceof Expr.Sum s) {
      return Expr.sum(s.terms().stream().map(ClosedForm::expand).toList());
    }
    return e;
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
