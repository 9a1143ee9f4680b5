package dev.unroll.derive;

import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks the unrolled graph backwards from a loss to a parameter the way the lesson does: the incoming
 * gradient times each gate's local gradient; at a multiplication gate whose matrix is the parameter,
 * the parameter's gradient takes the other input and the rest flows on through the other branch; an
 * addition gate passes the gradient unchanged to every branch. Every path is one term of the sum.
 *
 * <p>Only branches that depend on the parameter are followed, so a path ends at the oldest stage the
 * parameter reaches.
 */
public final class Differentiator {
  /** Paths beyond this many factors in all are refused rather than exhausting memory. */
  public static final long MAX_FACTORS = 20_000_000L;

  public Derivation derive(UnrolledGraph graph, String parameter, LossKind loss) {
    Node param = graph.param(parameter);
    Walk walk = new Walk(graph, param);
    List<Node> losses = loss == LossKind.LAST ? List.of(graph.lastLoss()) : graph.losses();
    for (Node l : losses) {
      walk.visit(l, l, Chain.empty());
    }
    return new Derivation(graph, param, loss, walk.terms, walk.steps);
  }

  /** One backward walk; discarded afterwards. */
  private static final class Walk {
    private final Node param;
    private final boolean[] dependsOnParam;
    private final List<Term> terms = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private long factors;

    Walk(UnrolledGraph graph, Node param) {
      this.param = param;
      this.dependsOnParam = new boolean[graph.nodes().size()];
      for (Node n : graph.nodes()) {
        dependsOnParam[n.id()] = n.equals(param) || n.inputs().stream().anyMatch(i -> dependsOnParam[i.id()]);
      }
    }

    void visit(Node node, Node loss, Chain chain) {
      switch (node.op()) {
        case CROSSENTROPY -> local(node, node.input(0), loss, chain, Step.Kind.START);
        case ACTIVATION, SOFTMAX -> local(node, node.input(0), loss, chain, Step.Kind.LOCAL);
        case MATMUL -> multiplication(node, loss, chain);
        case ADD -> {
          for (Node input : node.inputs()) {
            if (input.equals(param)) {
              term(loss, chain, new Terminal.Direct(node));
            } else if (depends(input)) {
              visit(input, loss, chain);
            }
          }
        }
        case NEGATE -> pass(node, node.input(0), loss, chain, new Factor.Negative(node), Step.Kind.NEGATE);
        case HADAMARD -> {
          for (int i = 0; i < 2; i++) {
            Node input = node.input(i);
            Node other = node.input(1 - i);
            if (input.equals(param)) {
              term(loss, chain, new Terminal.ElementwiseWith(node, other));
            } else if (depends(input)) {
              pass(node, input, loss, chain, new Factor.Elementwise(node, other), Step.Kind.ELEMENTWISE);
            }
          }
        }
        default -> { }
      }
    }

    private void multiplication(Node gate, Node loss, Chain chain) {
      Node matrix = gate.input(0);
      Node vector = gate.input(1);
      if (!matrix.equals(param) && depends(matrix)) {
        throw new IllegalArgumentException("The gate " + gate.label() + " multiplies by a matrix that depends on the parameter; "
            + "matrices in a cell must be parameters.");
      }
      if (matrix.equals(param)) {
        term(loss, chain, new Terminal.OtherInput(gate, vector));
      }
      if (depends(vector)) {
        pass(gate, vector, loss, chain, new Factor.Through(gate, matrix),
            matrix.equals(param) ? Step.Kind.FLOW : Step.Kind.THROUGH);
      }
    }

    private void local(Node gate, Node input, Node loss, Chain chain, Step.Kind kind) {
      if (depends(input)) {
        pass(gate, input, loss, chain, new Factor.Local(gate, input), kind);
      }
    }

    private void pass(Node gate, Node next, Node loss, Chain chain, Factor factor, Step.Kind kind) {
      Chain extended = chain.then(factor);
      count(extended);
      steps.add(new Step(kind, gate, stageOf(gate), loss, extended, Optional.empty()));
      visit(next, loss, extended);
    }

    private void term(Node loss, Chain chain, Terminal end) {
      Term t = new Term(loss, chain, end);
      count(chain);
      terms.add(t);
      steps.add(new Step(Step.Kind.PARAMETER, end.gate(), stageOf(end.gate()), loss, chain, Optional.of(t)));
    }

    private void count(Chain chain) {
      factors += chain.length();
      if (factors > MAX_FACTORS) {
        throw new IllegalArgumentException("The expanded sum would hold more than " + MAX_FACTORS
            + " factors; use fewer --steps.");
      }
    }

    private boolean depends(Node n) {
      return dependsOnParam[n.id()];
    }

    private static Time stageOf(Node gate) {
      return gate.stage().orElseThrow(() -> new IllegalStateException("A gate without a stage: " + gate));
    }
  }
}
