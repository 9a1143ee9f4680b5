package dev.unroll.symbolic;

import dev.unroll.expr.Expr;
import java.util.Objects;

/**
 * What Symja found for one activation's derivative: the form it is written in, how the identity was
 * proved, and Symja's own spelling of {@code f'} and of the rewritten form (for a lesson to quote).
 *
 * @param form whether the derivative is written in the gate's output or its input
 * @param proof how the rewriting was shown equal to {@code D} of the definition
 * @param derivative Symja's {@code D} of the definition, such as {@code Sech[z]^2}
 * @param rewritten the form the lesson uses, in Symja's spelling, such as {@code 1-u^2}
 * @param template the result with placeholders {@link #OUTPUT} and {@link #INPUT}
 */
public record ActivationDerivative(String activation, Form form, Proof proof, String derivative, String rewritten,
    Expr template) {

  /** Where the gate's output goes in {@link #template}. */
  public static final Expr.Symbol OUTPUT = Expr.Symbol.param("\u27e8output\u27e9");
  /** Where the gate's input goes in {@link #template}. */
  public static final Expr.Symbol INPUT = Expr.Symbol.param("\u27e8input\u27e9");

  public enum Form {
    /** A polynomial of degree at most 3 in the output u: {@code 1 - u^2}. */
    OUTPUT_POLYNOMIAL,
    /** A Heaviside step of the output (taken as 0 at 0), possibly scaled and shifted: relu. */
    OUTPUT_STEP,
    /** A Heaviside step of the input, possibly scaled and shifted: {@code Max(0, z) - 1/2}. */
    INPUT_STEP,
    /** No form in the output was found; {@code f'} written in the input z. */
    INPUT
  }

  public enum Proof {
    /** {@code Together} or {@code Simplify} of the difference gave 0. */
    SIMPLIFIED_TO_ZERO,
    /** Equal at seeded random points: exactly for rational values, else to 40 digits. */
    RANDOM_POINTS,
    /** Nothing to prove: the form is {@code D} of the definition itself. */
    DEFINITION
  }

  public ActivationDerivative {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(derivative, "derivative");
    Objects.requireNonNull(rewritten, "rewritten");
    Objects.requireNonNull(template, "template");
  }

  /** The derivative at one gate: the template with its output and input put in. */
  public Expr at(Expr output, Expr input) {
    return dev.unroll.expr.Rewrite.bottomUp(template, x -> x.equals(OUTPUT) ? output : x.equals(INPUT) ? input : x);
  }
}
