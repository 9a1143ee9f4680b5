package dev.unroll.derive;

import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of the backward walk as a lesson narrates it: the gradient arriving at a gate, and what
 * it is after the gate. {@code chain} is the gradient so far; a {@link Kind#PARAMETER} step also
 * carries the term it completes.
 */
public record Step(Kind kind, Node gate, Time stage, Node loss, Chain chain, Optional<Term> term) {
  public enum Kind {
    /** The loss's gradient with respect to the output it reads starts the walk. */
    START,
    /** An activation or softmax gate multiplies in its local gradient. */
    LOCAL,
    /** A multiplication gate passes the gradient to its vector input times the matrix. */
    THROUGH,
    /** An elementwise product passes the gradient times the other input. */
    ELEMENTWISE,
    /** A negation flips the sign. */
    NEGATE,
    /** The walk reaches the parameter: one term of the sum. */
    PARAMETER,
    /** Past the gate where the parameter entered, the rest of the gradient flows on. */
    FLOW
  }

  public Step {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(term, "term");
  }
}
