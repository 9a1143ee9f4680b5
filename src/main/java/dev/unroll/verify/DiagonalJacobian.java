package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.expr.Expr;
import java.util.Optional;
import org.hipparchus.linear.RealMatrix;

/**
 * A Jacobian written as if its value depended on its argument entry by entry: the written side is a
 * diagonal matrix that holds exactly the true Jacobian's diagonal, while the true Jacobian has entries
 * off the diagonal. The softmax is where authors do this most ({@code \partial \hat y/\partial o =
 * diag(\hat y \odot (1 - \hat y))}, the logistic function's derivative, where {@code diag(\hat y) - \hat y
 * \hat y^\top} is right): each probability depends on every score, through the normalising sum.
 */
final class DiagonalJacobian {
  /** Relative size under which an entry counts as zero. */
  private static final double ZERO = 1e-9;

  private DiagonalJacobian() {}

  /** Whether {@code written} is diagonal, equal to {@code truth} on the diagonal, and {@code truth} is not diagonal. */
  static boolean isDiagonalOf(RealMatrix written, RealMatrix truth) {
    int n = truth.getRowDimension();
    if (n < 2 || truth.getColumnDimension() != n || written.getRowDimension() != n || written.getColumnDimension() != n) {
      return false;
    }
    double scale = Math.max(truth.getFrobeniusNorm(), Double.MIN_NORMAL);
    double off = 0;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        if (r == c) {
          if (Math.abs(written.getEntry(r, c) - truth.getEntry(r, c)) > AdjointClaims.TOLERANCE * scale) {
            return false;
          }
        } else {
          if (Math.abs(written.getEntry(r, c)) > ZERO * scale) {
            return false;
          }
          off = Math.max(off, Math.abs(truth.getEntry(r, c)));
        }
      }
    }
    return off > AdjointClaims.TOLERANCE * scale;
  }

  /**
   * What is wrong with a Jacobian claim whose every failing reading wrote only the diagonal, naming
   * the softmax's full Jacobian when the value differentiated is the cell's softmax.
   */
  static Optional<String> of(AdjointClaims.Claim c, ClaimEvaluation ev, CellDefinition cell, Notation notation) {
    if (ev.failed.isEmpty() || !ev.onlyDiagonal || !(c.lhs() instanceof Expr.Partial p) || !(p.of() instanceof Expr.Symbol of)) {
      return Optional.empty();
    }
    String variable = notation.variable(of.name()).orElse(of.name());
    boolean softmax = cell.equations().stream().anyMatch(e -> e.target().name().equals(variable)
        && e.definition() instanceof Expr.Apply a && a.function().equals("softmax"));
    String value = WrittenTex.of(new Expr.Symbol(of.name(), Optional.empty(), of.role()));
    return Optional.of("it is taken elementwise: the right side is only the Jacobian's diagonal, as if each entry of "
        + value + " depended on its own input alone, and every entry off the diagonal is lost"
        + (softmax ? " (the softmax's Jacobian is the full matrix diag(" + value + ") - " + value + " " + value
        + "^T: each output depends on every score through the normalising sum)" : ""));
  }
}
