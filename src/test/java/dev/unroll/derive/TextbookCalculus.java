package dev.unroll.derive;

import dev.unroll.expr.Expr;
import java.util.List;

/**
 * Test double for {@link LocalCalculus} with the textbook results written by hand, so the
 * differentiator and the forms can be tested without starting Symja. The Symja-backed calculus is
 * tested against the same results in {@code symbolic}.
 */
public final class TextbookCalculus implements LocalCalculus {
  @Override
  public Expr activationDerivative(String activation, Expr output, Expr input) {
    return switch (activation) {
      case "tanh" -> new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(output, 2))));
      case "sigmoid" -> new Expr.Hadamard(output, new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(output))));
      case "identity" -> new Expr.Num(1);
      default -> throw new IllegalArgumentException("no textbook derivative for " + activation);
    };
  }

  @Override
  public Expr activation(String activation, Expr input) {
    return switch (activation) {
      case "tanh" -> new Expr.Apply("tanh", List.of(input));
      case "sigmoid" -> new Expr.Power(new Expr.Sum(List.of(new Expr.Num(1),
          new Expr.Apply("exp", List.of(new Expr.Negate(input))))), -1);
      case "identity" -> input;
      default -> throw new IllegalArgumentException("no textbook definition of " + activation);
    };
  }

  @Override
  public Expr softmaxCrossEntropyGradient(Expr probabilities, Expr target) {
    return new Expr.Sum(List.of(probabilities, new Expr.Negate(target)));
  }
}
