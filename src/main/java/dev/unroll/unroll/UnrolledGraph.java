package dev.unroll.unroll;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Equation;
import dev.unroll.expr.Time;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cell unrolled over {@code steps} stages ending at {@code t+1}: every node in topological order
 * (inputs before the gates that read them), the stages newest first, and the per-stage losses.
 *
 * @param equations the cell's equations with activation placeholders bound, as the lesson shows them
 */
public record UnrolledGraph(
    CellDefinition cell,
    int steps,
    List<Node> nodes,
    List<Time> stages,
    Map<String, Node> byName,
    Map<String, Node> params,
    List<Node> losses,
    List<Equation> equations) {

  public UnrolledGraph {
    Objects.requireNonNull(cell, "cell");
    nodes = List.copyOf(nodes);
    stages = List.copyOf(stages);
    byName = Map.copyOf(byName);
    params = Map.copyOf(params);
    losses = List.copyOf(losses);
    equations = List.copyOf(equations);
  }

  /** The stage the lesson differentiates: {@code t+1}. */
  public Time last() {
    return stages.get(0);
  }

  /** The oldest stage, {@code t+2-N}; the initial state is one before it. */
  public Time first() {
    return stages.get(stages.size() - 1);
  }

  /** The node of a cell variable at a time, such as {@code s} at {@code t-1}. */
  public Optional<Node> node(String name, Time time) {
    return Optional.ofNullable(byName.get(key(name, time)));
  }

  public Node param(String name) {
    Node p = params.get(name);
    if (p == null) {
      throw new IllegalArgumentException("The cell '" + cell.name() + "' has no parameter '" + name + "'; it has "
          + String.join(", ", cell.declarations(dev.unroll.cell.Declaration.Kind.PARAM).stream()
              .map(dev.unroll.cell.Declaration::name).toList()) + ".");
    }
    return p;
  }

  /** The loss of the newest stage, {@code E_{t+1}}. */
  public Node lastLoss() {
    return losses.get(0);
  }

  /**
   * Which nodes have a path to one of {@code targets} (the targets included), indexed by node id: one
   * pass newest first, since every node comes after its inputs.
   */
  public boolean[] reaching(List<Node> targets) {
    boolean[] reaches = new boolean[nodes.size()];
    targets.forEach(t -> reaches[t.id()] = true);
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (reaches[i]) {
        nodes.get(i).inputs().forEach(input -> reaches[input.id()] = true);
      }
    }
    return reaches;
  }

  static String key(String name, Time time) {
    return name + "@" + time.spelled();
  }
}
