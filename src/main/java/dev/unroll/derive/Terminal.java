package dev.unroll.derive;

import dev.unroll.unroll.Node;
import java.util.Objects;

/** How a term ends where the walk reaches the parameter. */
public sealed interface Terminal permits Terminal.OtherInput, Terminal.Direct, Terminal.ElementwiseWith {
  /** The gate where the parameter enters. */
  Node gate();

  /**
   * The parameter is the matrix of a multiplication gate: its gradient takes the gate's other input,
   * through an outer product with the incoming gradient.
   */
  record OtherInput(Node gate, Node vector) implements Terminal {
    public OtherInput {
      Objects.requireNonNull(gate, "gate");
      Objects.requireNonNull(vector, "vector");
    }
  }

  /** The parameter is added directly (a bias): its gradient is the incoming gradient. */
  record Direct(Node gate) implements Terminal {
    public Direct {
      Objects.requireNonNull(gate, "gate");
    }
  }

  /** The parameter is a vector in an elementwise product: the incoming gradient times the other input. */
  record ElementwiseWith(Node gate, Node other) implements Terminal {
    public ElementwiseWith {
      Objects.requireNonNull(gate, "gate");
      Objects.requireNonNull(other, "other");
    }
  }
}
