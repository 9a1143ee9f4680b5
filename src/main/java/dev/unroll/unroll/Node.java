package dev.unroll.unroll;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of the unrolled graph. Identity is the id: two nodes of one graph are equal only if they
 * are the same node. {@code label} is how a lesson writes the node's value (its symbol, such as
 * {@code s_{t-1}}, or the subexpression it computes); {@code stage} is the stage whose equation
 * created it (for a leaf, its own time).
 */
public final class Node {
  private final int id;
  private final Op op;
  private final List<Node> inputs;
  private final Expr label;
  private final Optional<Expr.Symbol> name;
  private final String function;
  private final Optional<Time> stage;
  private final long constant;

  Node(int id, Op op, List<Node> inputs, Expr label, Optional<Expr.Symbol> name, String function,
      Optional<Time> stage, long constant) {
    this.id = id;
    this.op = Objects.requireNonNull(op);
    this.inputs = List.copyOf(inputs);
    this.label = Objects.requireNonNull(label);
    this.name = Objects.requireNonNull(name);
    this.function = Objects.requireNonNull(function);
    this.stage = Objects.requireNonNull(stage);
    this.constant = constant;
  }

  public int id() {
    return id;
  }

  public Op op() {
    return op;
  }

  public List<Node> inputs() {
    return inputs;
  }

  public Node input(int i) {
    return inputs.get(i);
  }

  /** The symbol of the cell variable this node computes or holds, if it has one. */
  public Optional<Expr.Symbol> name() {
    return name;
  }

  public Expr label() {
    return label;
  }

  /** The activation's name for an {@link Op#ACTIVATION} node, else empty. */
  public String function() {
    return function;
  }

  public Optional<Time> stage() {
    return stage;
  }

  /** The value of a {@link Op#CONSTANT} node. */
  public long constant() {
    return constant;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Node other && other.id == id;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(id);
  }

  @Override
  public String toString() {
    return "#" + id + " " + op + (name.isPresent() ? " " + name.get().name() + "_" + name.get().time().map(Time::spelled).orElse("") : "");
  }
}
