package dev.unroll.derive;

import dev.unroll.expr.Expr;

/**
 * Local derivatives of the gates whose Jacobians are not a matrix already in the graph. Implemented by
 * {@code symbolic.SymjaCalculus}, which derives each one with Symja rather than looking it up.
 */
public interface LocalCalculus {
  /**
   * The derivative of an activation, written in terms of the gate's output where that is possible
   * ({@code 1 - s^2} for tanh, {@code s (1 - s)} for the sigmoid) and of its input otherwise. The
   * result holds elementwise: a power is an elementwise power.
   *
   * @param activation the activation's name, as in {@code activations.cell}
   * @param output how the gate's output is written, such as {@code s_{t+1}}
   * @param input how the gate's input is written, such as {@code z_{t+1}}
   */
  Expr activationDerivative(String activation, Expr output, Expr input);

  /**
   * The gradient of {@code crossentropy(softmax(q), y)} with respect to {@code q}, as a column vector
   * written with the softmax output and the one-hot target: {@code o - y}.
   */
  Expr softmaxCrossEntropyGradient(Expr probabilities, Expr target);

  /**
   * The activation itself as an expression of its input, read elementwise ({@code tanh(z)} for tanh,
   * {@code (1 + exp(-z))^{-1}} for the sigmoid): what generated code evaluates in the forward pass,
   * from the same definition the derivative was found from.
   *
   * @throws UnsupportedOperationException when this calculus cannot read definitions (a test's
   *     fixed table of derivatives)
   */
  default Expr activation(String activation, Expr input) {
    throw new UnsupportedOperationException("This calculus holds derivatives only, not the definition of '"
        + activation + "'.");
  }
}
