package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.List;

/** Walks over a formula as read: its direct subexpressions, and whether it writes an elementwise product or a series. */
final class Subexpressions {
  private Subexpressions() {}

  /** Whether an elementwise product is written anywhere in {@code e}. */
  static boolean hasHadamard(Expr e) {
    return e instanceof Expr.Hadamard || children(e).stream().anyMatch(Subexpressions::hasHadamard);
  }

  /** Whether a \\sum or \\prod is written anywhere in {@code e}. */
  static boolean hasSeries(Expr e) {
    if (e instanceof Expr.Apply a && (a.function().equals("sum") || a.function().equals("prod"))) {
      return true;
    }
    return children(e).stream().anyMatch(Subexpressions::hasSeries);
  }

  /** The direct subexpressions of {@code e}, in the order written; none for a leaf. */
  static List<Expr> children(Expr e) {
    if (e instanceof Expr.Partial p) {
      return List.of(p.of(), p.by());
    } else if (e instanceof Expr.Product p) {
      return p.factors();
    } else if (e instanceof Expr.Sum s) {
      return s.terms();
    } else if (e instanceof Expr.Negate n) {
      return List.of(n.operand());
    } else if (e instanceof Expr.Power p) {
      return List.of(p.base());
    } else if (e instanceof Expr.Transpose t) {
      return List.of(t.operand());
    } else if (e instanceof Expr.Diag d) {
      return List.of(d.operand());
    } else if (e instanceof Expr.Hadamard h) {
      return List.of(h.left(), h.right());
    } else if (e instanceof Expr.Apply a) {
      return a.arguments();
    }
    return List.of();
  }
}
