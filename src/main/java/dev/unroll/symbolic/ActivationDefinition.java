package dev.unroll.symbolic;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.Objects;

/**
 * An activation's definition as the engine's own expression of its input, translated from what
 * Symja reads ({@code Tanh(z)} is {@code tanh(z)}, {@code z/(1+Abs(z))} is
 * {@code z \odot (1 + abs(z))^{-1}}), so generated code evaluates the same function the derivative
 * was derived from.
 *
 * @param template the definition with the placeholder {@link ActivationDerivative#INPUT} for its argument
 */
public record ActivationDefinition(String activation, Expr template) {
  public ActivationDefinition {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(template, "template");
  }

  /** The definition applied to one gate's input. */
  public Expr at(Expr input) {
    return Rewrite.bottomUp(template, x -> x.equals(ActivationDerivative.INPUT) ? input : x);
  }
}
