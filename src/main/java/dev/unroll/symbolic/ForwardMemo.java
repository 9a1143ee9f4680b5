package dev.unroll.symbolic;

import dev.unroll.unroll.Node;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The node values and forward-mode derivatives of the last unrolled graph a cross-check computed,
 * kept for the next graph that starts the same way. An N-stage graph of a cell is, node for node,
 * the first part of the (N+1)-stage graph ({@code Unroller} creates the parameters, then each stage's
 * nodes, oldest first) and its seeded leaves are the first ones drawn
 * ({@link SymbolicCrossCheck#randomLeaves}); a node's value and its derivative with respect to the
 * parameter depend only on the nodes before it. So the check of a lesson at N, made after one at a
 * larger or smaller N of the same cell, computes exactly the numbers it would compute alone: those of
 * the nodes both graphs share are taken from here, the rest computed and added.
 *
 * <p>Nothing is taken on trust: a node is reused only when the whole prefix up to it agrees, each
 * node's operation, function, constant and input positions and each leaf's value (its own seeded
 * numbers, compared exactly). At the first node that differs everything from it on is forgotten; a
 * shorter graph that agrees throughout leaves the longer one remembered.
 * Holds numbers of one {@link SymjaSession}: belongs to the thread of its {@link SymbolicCrossCheck}.
 */
final class ForwardMemo {
  /** What makes node {@code i} the same node in another graph, by position. */
  private final List<String> signatures = new ArrayList<>();
  /** The leaf's given value, or null for a gate. */
  private final List<SymbolicMatrix> leafValues = new ArrayList<>();
  private final List<SymbolicMatrix> values = new ArrayList<>();
  /** By the parameter's position, then the node's: the derivative with respect to each entry of it. */
  private final Map<Integer, Map<Integer, IExpr[][]>> tangents = new HashMap<>();

  /**
   * Keeps what agrees with {@code graph} at these leaves and returns the values known for its first
   * nodes, keyed by this graph's nodes.
   */
  Map<Node, SymbolicMatrix> adopt(UnrolledGraph graph, Map<Node, SymbolicMatrix> leaves) {
    List<Node> nodes = graph.nodes();
    int same = 0;
    while (same < nodes.size() && same < signatures.size()
        && signatures.get(same).equals(signature(nodes.get(same)))
        && sameEntries(leafValues.get(same), leaves.get(nodes.get(same)))) {
      same++;
    }
    if (same < nodes.size() && same < signatures.size()) {
      forgetFrom(same); // a node differs: what follows it was computed from other numbers
    }
    Map<Node, SymbolicMatrix> known = new HashMap<>();
    for (int i = 0; i < same; i++) {
      known.put(nodes.get(i), values.get(i));
    }
    return known;
  }

  /** Remembers the values of a graph this memo adopted, after its forward pass. */
  void record(UnrolledGraph graph, Map<Node, SymbolicMatrix> leaves, Map<Node, SymbolicMatrix> computed) {
    List<Node> nodes = graph.nodes();
    for (int i = signatures.size(); i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (n.id() != i) {
        throw new IllegalStateException("The graph's node " + n + " is not at its own position " + n.id() + ".");
      }
      signatures.add(signature(n));
      leafValues.add(leaves.get(n));
      values.add(computed.get(n));
    }
  }

  /** The derivatives with respect to the parameter at {@code param}'s position, by node position. */
  Map<Integer, IExpr[][]> tangents(Node param) {
    return tangents.computeIfAbsent(param.id(), k -> new HashMap<>());
  }

  /** How many nodes are remembered, for tests. */
  int size() {
    return signatures.size();
  }

  private void forgetFrom(int first) {
    while (signatures.size() > first) {
      signatures.remove(signatures.size() - 1);
      leafValues.remove(leafValues.size() - 1);
      values.remove(values.size() - 1);
    }
    tangents.keySet().removeIf(p -> p >= first);
    tangents.values().forEach(byNode -> byNode.keySet().removeIf(n -> n >= first));
  }

  private static String signature(Node n) {
    StringBuilder s = new StringBuilder().append(n.id()).append(' ').append(n.op()).append(' ').append(n.function())
        .append(' ').append(n.constant()).append(" <-");
    n.inputs().forEach(i -> s.append(' ').append(i.id()));
    return s.toString();
  }

  /** Both absent, or the same shape with equal entries (exact numbers compare exactly). */
  private static boolean sameEntries(SymbolicMatrix a, SymbolicMatrix b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isScalar() != b.isScalar() || a.rows() != b.rows() || a.cols() != b.cols()) {
      return false;
    }
    for (int r = 0; r < a.rows(); r++) {
      for (int c = 0; c < a.cols(); c++) {
        if (!a.get(r, c).equals(b.get(r, c))) {
          return false;
        }
      }
    }
    return true;
  }
}
