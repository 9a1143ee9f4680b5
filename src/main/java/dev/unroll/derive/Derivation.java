package dev.unroll.derive;

import dev.unroll.unroll.Node;
import dev.unroll.unroll.UnrolledGraph;
import java.util.List;
import java.util.Objects;

/**
 * The chain-rule sum of one loss with respect to one parameter over an unrolled graph: its terms in
 * the order the walk found them (newest stage first) and the walk itself, step by step.
 */
public record Derivation(UnrolledGraph graph, Node parameter, LossKind loss, List<Term> terms, List<Step> walk) {
  public Derivation {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(loss, "loss");
    terms = List.copyOf(terms);
    walk = List.copyOf(walk);
  }

  /**
   * The part of this derivation that comes from the newest stage's loss, as a last-loss derivation:
   * the whole of it for the last loss, one recurrence of several for the total loss.
   */
  public Derivation newestLoss() {
    if (loss == LossKind.LAST) {
      return this;
    }
    Node newest = graph.lastLoss();
    return new Derivation(graph, parameter, LossKind.LAST,
        terms.stream().filter(t -> t.loss().equals(newest)).toList(),
        walk.stream().filter(s -> s.loss().equals(newest)).toList());
  }

  public String parameterName() {
    return parameter.name().orElseThrow().name();
  }
}
