package dev.unroll.derive;

import dev.unroll.unroll.Node;
import java.util.Objects;

/**
 * One factor of a chain-rule term: what the incoming gradient is multiplied by at one gate, read in
 * the order the walk meets the gates (from the loss towards the parameter).
 */
public sealed interface Factor permits Factor.Local, Factor.Through, Factor.Elementwise, Factor.Negative {

  /** {@code \partial output / \partial input} at an activation, softmax or loss gate. */
  record Local(Node output, Node input) implements Factor {
    public Local {
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(input, "input");
    }
  }

  /** Passing a multiplication gate towards its vector input: the matrix ({@code V}, {@code W}). */
  record Through(Node gate, Node matrix) implements Factor {
    public Through {
      Objects.requireNonNull(gate, "gate");
      Objects.requireNonNull(matrix, "matrix");
    }
  }

  /** Passing an elementwise product towards one input: {@code diag(other)}. */
  record Elementwise(Node gate, Node other) implements Factor {
    public Elementwise {
      Objects.requireNonNull(gate, "gate");
      Objects.requireNonNull(other, "other");
    }
  }

  /** Passing a negation: {@code -1}. */
  record Negative(Node gate) implements Factor {
    public Negative {
      Objects.requireNonNull(gate, "gate");
    }
  }
}
