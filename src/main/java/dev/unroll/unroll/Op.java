package dev.unroll.unroll;

/** What a node of the unrolled graph is: a leaf that holds a given value, or a gate that computes one. */
public enum Op {
  /** A weight shared by every stage. */
  PARAM,
  /** An input vector of one stage. */
  INPUT,
  /** The target (a one-hot class) of one stage. */
  TARGET,
  /** A state's value before the first stage. */
  INITIAL_STATE,
  /** A whole number broadcast to a vector, such as the 1 in {@code 1 - z_t}. */
  CONSTANT,
  /** Matrix times vector: inputs are the matrix, then the vector. */
  MATMUL,
  /** Sum of its inputs. */
  ADD,
  NEGATE,
  /** Elementwise product of two vectors. */
  HADAMARD,
  /** An activation applied elementwise; the node names which. */
  ACTIVATION,
  SOFTMAX,
  /** Cross-entropy of a probability vector (first input) against a one-hot target (second). */
  CROSSENTROPY;

  public boolean isLeaf() {
    return this == PARAM || this == INPUT || this == TARGET || this == INITIAL_STATE || this == CONSTANT;
  }
}
