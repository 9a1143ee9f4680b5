package dev.unroll.cell;

import dev.unroll.expr.Expr;
import java.util.Objects;

/** One equation of a cell, {@code s_t = f(z_t)}, at the generic stage t; {@code line} is where it was written. */
public record Equation(Expr.Symbol target, Expr definition, int line) {
  public Equation {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(definition, "definition");
  }
}
