package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A loss written over the components of its vectors, {@code J = -\sum_i y_i \log \hat y_i}, read as the
 * product of vectors it is, {@code -y^\top \log \hat y}: the reader takes {@code y_i} for {@code y} at
 * stage {@code i}, which a sum over an index that is not the network's stage letter never means.
 */
final class CrossEntropySums {
  private CrossEntropySums() {}

  /** {@code e} with every {@code \sum_i a_i \log b_i} over a letter that is none of {@code stages} as {@code a^T \log b}. */
  static Expr asProducts(Expr e, Collection<String> stages) {
    return Rewrite.bottomUp(e, x -> {
      if (!(x instanceof Expr.Apply s) || !s.function().equals("sum") || s.arguments().size() != 3
          || !(s.arguments().get(0) instanceof Expr.Symbol i) || i.time().isPresent() || stages.contains(i.name())
          || !(s.arguments().get(1) instanceof Expr.Apply empty) || !empty.function().equals("empty")
          || !(s.arguments().get(2) instanceof Expr.Product p) || p.factors().size() != 2
          || !(p.factors().get(1) instanceof Expr.Apply log) || !log.function().equals("log") || log.arguments().size() != 1) {
        return x;
      }
      Optional<Expr.Symbol> a = whole(p.factors().get(0), i.name());
      Optional<Expr.Symbol> b = whole(log.arguments().get(0), i.name());
      if (a.isEmpty() || b.isEmpty()) {
        return x;
      }
      return new Expr.Product(List.of(new Expr.Transpose(a.get()), new Expr.Apply("log", List.of(b.get()))), p.style());
    });
  }

  /** {@code y} for {@code y_i}: the vector whose component the index picks. */
  private static Optional<Expr.Symbol> whole(Expr e, String index) {
    if (e instanceof Expr.Symbol s && s.time().isPresent() && s.time().get().variable().equals(index)
        && s.time().get().offset() == 0) {
      return Optional.of(new Expr.Symbol(s.name(), Optional.empty(), s.role()));
    }
    return Optional.empty();
  }
}
