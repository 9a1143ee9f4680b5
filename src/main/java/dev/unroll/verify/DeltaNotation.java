package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the delta notation many LSTM write-ups use: {@code \delta c_t} for the gradient of the total
 * loss with respect to {@code c_t}, so {@code \delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2 c_t)
 * + \delta c_{t+1} \odot f_{t+1}} is an adjoint equation. A {@code \delta} without a time written just
 * before a value of the cell becomes {@code \partial E/\partial v}; the parser binds {@code \odot}
 * tighter than juxtaposition, so the value is the leftmost factor of what follows the delta. An
 * expression with no such delta is returned as it is (the same object, so its place in the file is
 * kept).
 */
final class DeltaNotation {
  private static final String DELTA = "\\delta";

  private DeltaNotation() {}

  /** {@code e} with every {@code \delta v_t} read as the adjoint of v_t with respect to {@code loss}. */
  static Expr adjoints(Expr e, Notation notation, String loss) {
    if (!contains(e)) {
      return e;
    }
    if (e instanceof Expr.Product p && p.style() == Expr.ProductStyle.JUXTAPOSE) {
      List<Expr> out = new ArrayList<>();
      List<Expr> f = p.factors();
      for (int i = 0; i < f.size(); i++) {
        Optional<Expr> read = i + 1 < f.size() && isDelta(f.get(i)) ? withAdjoint(f.get(i + 1), notation, loss)
            : Optional.empty();
        if (read.isPresent()) {
          out.add(adjoints(read.get(), notation, loss));
          i++;
        } else {
          out.add(adjoints(f.get(i), notation, loss));
        }
      }
      return Expr.juxtapose(out);
    }
    return Rewrite.children(e, x -> adjoints(x, notation, loss));
  }

  /** What follows a delta, with its leftmost factor (a value of the cell at a time) made an adjoint. */
  private static Optional<Expr> withAdjoint(Expr next, Notation notation, String loss) {
    if (next instanceof Expr.Symbol s && s.time().isPresent() && notation.resolve(s).isPresent()) {
      return Optional.of(new Expr.Partial(new Expr.Symbol(loss, Optional.empty(), Expr.Role.LOSS), s));
    }
    if (next instanceof Expr.Hadamard h) {
      return withAdjoint(h.left(), notation, loss).map(l -> new Expr.Hadamard(l, h.right()));
    }
    if (next instanceof Expr.Product p && !p.factors().isEmpty()) {
      List<Expr> f = new ArrayList<>(p.factors());
      return withAdjoint(f.get(0), notation, loss).map(first -> {
        f.set(0, first);
        return new Expr.Product(f, p.style());
      });
    }
    return Optional.empty();
  }

  private static boolean isDelta(Expr e) {
    return e instanceof Expr.Symbol s && s.name().equals(DELTA) && s.time().isEmpty();
  }

  private static boolean contains(Expr e) {
    return isDelta(e) || Subexpressions.children(e).stream().anyMatch(DeltaNotation::contains);
  }
}
