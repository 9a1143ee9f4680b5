package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.List;
import java.util.Objects;

/**
 * One row of a formula as the author wrote it: its sides between {@code =} signs (one side when it
 * is an expression alone), where it starts in the span, and whether its sides are compared by an
 * inequality ({@code \gamma \sigma < 1}) rather than equated: such a row is read but claims nothing
 * the engine derives, unless it bounds an activation's derivative ({@code relation} is the first
 * relation written: {@code =}, {@code <}, {@code le}, ...).
 */
public record Statement(List<Expr> sides, int offset, boolean inequality, String relation) {
  public Statement {
    sides = List.copyOf(sides);
    Objects.requireNonNull(relation, "relation");
  }

  public Statement(List<Expr> sides, int offset, boolean inequality) {
    this(sides, offset, inequality, inequality ? "" : "=");
  }

  public boolean isEquation() {
    return sides.size() >= 2 && !inequality;
  }
}
