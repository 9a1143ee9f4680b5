package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.List;
import java.util.Objects;

/**
 * One row of a formula as the author wrote it: its sides between {@code =} signs (one side when it
 * is an expression alone), and where it starts in the span.
 */
public record Statement(List<Expr> sides, int offset) {
  public Statement {
    sides = List.copyOf(sides);
    Objects.requireNonNull(sides, "sides");
  }

  public boolean isEquation() {
    return sides.size() >= 2;
  }
}
