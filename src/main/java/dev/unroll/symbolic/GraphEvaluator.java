package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Evaluates an unrolled graph in Symja node by node, every {@link Op} as the cell defines it: a
 * multiplication gate is a matrix-vector product written out entry by entry, an activation is its
 * {@code .cell} definition with the argument replaced, softmax is {@code Exp[q_i] / Total}, and
 * cross-entropy is {@code -Sum[y_i Log[o_i]]}. Piecewise definitions ({@code Max}, {@code Abs}, ...)
 * are written as {@code Piecewise} so that {@code D} can differentiate them.
 */
final class GraphEvaluator {
  private final SymjaSession session;
  private final Map<String, IExpr> bodies = new TreeMap<>();
  private final Map<String, ISymbol> arguments = new TreeMap<>();

  GraphEvaluator(SymjaSession session, Map<String, Activation> activations) {
    this.session = session;
    IExpr pieces = session.parse(ActivationDeriver.PIECES);
    for (Activation a : activations.values()) {
      IExpr body = session.parseDefinition(a.definition());
      bodies.put(a.name(), session.eval(F.ReplaceAll(body, pieces)));
      arguments.put(a.name(), F.symbol(a.argument()));
    }
  }

  /** Whether an activation gate of the graph uses the exponential function. */
  boolean activationsUseExp(UnrolledGraph graph) {
    return graph.nodes().stream().filter(n -> n.op() == Op.ACTIVATION)
        .map(n -> bodies.get(n.function()))
        .anyMatch(b -> b != null && !b.isFree(S.E));
  }

  /**
   * The value of every node, given the values of the leaves (parameters, inputs, initial states,
   * targets). Nodes for which {@code recompute} is false keep the value in {@code known}.
   */
  Map<Node, SymbolicMatrix> forward(UnrolledGraph graph, Map<Node, SymbolicMatrix> leaves,
      Map<Node, SymbolicMatrix> known, Predicate<Node> recompute) {
    Map<Node, SymbolicMatrix> values = new HashMap<>(known);
    values.putAll(leaves);
    for (Node n : graph.nodes()) {
      if (leaves.containsKey(n) || (values.containsKey(n) && !recompute.test(n))) {
        continue;
      }
      values.put(n, gate(n, values));
    }
    return values;
  }

  /**
   * The value of one gate from the values of its inputs (which may be symbols), every entry
   * evaluated.
   */
  SymbolicMatrix gate(Node n, Map<Node, SymbolicMatrix> values) {
    List<Node> in = n.inputs();
    SymbolicMatrix out;
    switch (n.op()) {
      case CONSTANT -> out = SymbolicMatrix.scalar(F.ZZ(n.constant()));
      case MATMUL -> out = values.get(in.get(0)).times(values.get(in.get(1)));
      case ADD -> {
        out = values.get(in.get(0));
        for (int i = 1; i < in.size(); i++) {
          out = out.plus(values.get(in.get(i)));
        }
      }
      case NEGATE -> out = values.get(in.get(0)).negate();
      case HADAMARD -> out = values.get(in.get(0)).hadamard(values.get(in.get(1)));
      case ACTIVATION -> {
        IExpr body = bodies.get(n.function());
        if (body == null) {
          throw new IllegalArgumentException("The graph names the activation '" + n.function()
              + "', which the cell does not define.");
        }
        ISymbol argument = arguments.get(n.function());
        out = values.get(in.get(0)).map(x -> F.subst(body, Map.of(argument, x)));
      }
      case SOFTMAX -> out = softmax(values.get(in.get(0)));
      case CROSSENTROPY -> out = crossEntropy(values.get(in.get(0)), values.get(in.get(1)));
      default -> throw new IllegalArgumentException("The leaf " + n + " has no value.");
    }
    return out.map(session::evalNumbers);
  }

  private SymbolicMatrix softmax(SymbolicMatrix q) {
    IExpr[] exps = new IExpr[q.rows()];
    for (int i = 0; i < q.rows(); i++) {
      exps[i] = session.evalNumbers(F.Exp(q.get(i, 0)));
    }
    IExpr total = session.evalNumbers(F.Plus(exps));
    IExpr[] o = new IExpr[q.rows()];
    for (int i = 0; i < q.rows(); i++) {
      o[i] = F.Divide(exps[i], total);
    }
    return SymbolicMatrix.column(o);
  }

  private static SymbolicMatrix crossEntropy(SymbolicMatrix o, SymbolicMatrix y) {
    IExpr[] terms = new IExpr[o.rows()];
    for (int i = 0; i < o.rows(); i++) {
      terms[i] = F.Times(y.get(i, 0), F.Log(o.get(i, 0)));
    }
    return SymbolicMatrix.scalar(F.Negate(F.Plus(terms)));
  }
}
