package dev.unroll.symbolic;

import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.INumber;

/**
 * Forward-mode differentiation through an unrolled graph: the derivative of every node's value with
 * respect to each entry of one parameter, node by node from the parameter towards the losses, each
 * node's derivative built from its inputs' derivatives, which are kept as numbers.
 *
 * <p>Each gate's local rule comes from Symja's {@code D}: the gate is written out entry by entry
 * with a plain symbol for each entry of each input ({@link GraphEvaluator#gate}: a matrix-vector
 * product is a sum of products, softmax is {@code Exp[q_i] / Total}, cross-entropy
 * {@code -Sum[y_i Log[o_i]]}, an activation its {@code .cell} definition), and {@code D} of each
 * output entry is taken with respect to each entry of the inputs that depend on the parameter. The
 * rule depends only on the gate's kind, its inputs' shapes and which inputs depend on the parameter,
 * so it is derived once and reused at every stage. At a node, the rule's partial derivatives are
 * evaluated at the node's input values, and the node's derivative with respect to each entry of the
 * parameter is {@code Sum_k (dout/dx_k) (dx_k/dP_ij)}, computed from the inputs' derivatives with
 * Symja's number arithmetic. The cost is linear in the number of nodes, where {@code D} of the fully
 * unrolled loss repeats every shared subexpression once per path.
 *
 * <p>Holds a {@link SymjaSession}: use it on the thread that made the session.
 */
final class ForwardTangents {
  private final SymjaSession session;
  private final GraphEvaluator evaluator;
  private final Map<String, Rule> rules = new HashMap<>();

  ForwardTangents(SymjaSession session, GraphEvaluator evaluator) {
    this.session = session;
    this.evaluator = evaluator;
  }

  /**
   * The derivative of the sum of {@code targets} (scalars, such as the losses) with respect to every
   * entry of {@code param}, shaped like it.
   *
   * @param values the value of every node (a forward pass), numbers
   * @param known derivatives already computed for this graph's first nodes, by node id; the ones
   *     computed here are added
   */
  IExpr[][] gradient(UnrolledGraph graph, Map<Node, SymbolicMatrix> values, Node param, List<Node> targets,
      Map<Integer, IExpr[][]> known) {
    boolean[] relevant = graph.reaching(targets);
    boolean[] depends = new boolean[relevant.length];
    for (Node n : graph.nodes()) {
      depends[n.id()] = n.equals(param) || n.inputs().stream().anyMatch(i -> depends[i.id()]);
    }
    SymbolicMatrix p = values.get(param);
    int directions = p.rows() * p.cols();
    Map<Node, IExpr[][]> tangents = new HashMap<>();
    IExpr[][] unit = new IExpr[directions][directions];
    for (int e = 0; e < directions; e++) {
      for (int d = 0; d < directions; d++) {
        unit[e][d] = e == d ? F.C1 : F.C0;
      }
    }
    tangents.put(param, unit);
    for (Node n : graph.nodes()) {
      if (relevant[n.id()] && depends[n.id()] && !n.op().isLeaf()) {
        IExpr[][] t = known.get(n.id());
        if (t == null) {
          t = step(n, values, tangents, directions);
          known.put(n.id(), t);
        }
        tangents.put(n, t);
      }
    }
    IExpr[][] out = new IExpr[p.rows()][p.cols()];
    for (int d = 0; d < directions; d++) {
      IExpr sum = F.C0;
      for (Node t : targets) {
        IExpr[][] dt = tangents.get(t);
        sum = dt == null ? sum : add(sum, dt[0][d]);
      }
      out[d / p.cols()][d % p.cols()] = sum;
    }
    return out;
  }

  /**
   * One node's derivatives, {@code [entry][direction]}: its rule's partial derivatives at its input
   * values, times its inputs' derivatives.
   */
  private IExpr[][] step(Node n, Map<Node, SymbolicMatrix> values, Map<Node, IExpr[][]> tangents, int directions) {
    List<Node> distinct = n.inputs().stream().distinct().toList();
    StringBuilder key = new StringBuilder(n.op().name()).append(' ').append(n.function());
    for (Node in : n.inputs()) {
      SymbolicMatrix v = values.get(in);
      key.append(" | ").append(distinct.indexOf(in)).append(':').append(v.isScalar() ? "s" : v.rows() + "x" + v.cols())
          .append(tangents.containsKey(in) ? " d" : "")
          .append(in.op() == Op.CONSTANT ? " =" + in.constant() : "");
    }
    Rule rule = rules.computeIfAbsent(key.toString(), k -> derive(n, distinct, values, tangents));
    Map<IExpr, IExpr> put = new HashMap<>();
    for (int k = 0; k < distinct.size(); k++) {
      SymbolicMatrix symbols = rule.inputs().get(k);
      SymbolicMatrix value = values.get(distinct.get(k));
      for (int e = 0; e < symbols.rows() * symbols.cols(); e++) {
        put.put(symbols.get(e / symbols.cols(), e % symbols.cols()), value.get(e / symbols.cols(), e % symbols.cols()));
      }
    }
    IExpr[][] out = new IExpr[rule.partials().size()][directions];
    for (int e = 0; e < out.length; e++) {
      IExpr[] sums = new IExpr[directions];
      java.util.Arrays.fill(sums, F.C0);
      for (Partial partial : rule.partials().get(e)) {
        IExpr slope = session.atPrecision(number(session.evalNumbers(F.subst(partial.derivative(), put)), n));
        IExpr[] dx = tangents.get(distinct.get(partial.input()))[partial.entry()];
        for (int d = 0; d < directions; d++) {
          if (!dx[d].isZero()) {
            sums[d] = add(sums[d], multiply(slope, dx[d]));
          }
        }
      }
      out[e] = sums;
    }
    return out;
  }

  /** {@code D} of one output entry with respect to entry {@code entry} of distinct input {@code input}, not 0. */
  private record Partial(int input, int entry, IExpr derivative) {}

  /** A gate's local rule: a symbol for each entry of each input, and each output entry's nonzero partials. */
  private record Rule(List<SymbolicMatrix> inputs, List<List<Partial>> partials) {}

  private Rule derive(Node n, List<Node> distinct, Map<Node, SymbolicMatrix> values, Map<Node, IExpr[][]> tangents) {
    List<SymbolicMatrix> inputs = new ArrayList<>();
    Map<Node, SymbolicMatrix> symbolic = new HashMap<>();
    for (int k = 0; k < distinct.size(); k++) {
      Node in = distinct.get(k);
      SymbolicMatrix x = symbols(values.get(in), "unrollx" + k);
      inputs.add(x);
      symbolic.put(in, in.op() == Op.CONSTANT ? values.get(in) : x);
    }
    SymbolicMatrix out = evaluator.gate(n, symbolic);
    List<List<Partial>> partials = new ArrayList<>();
    for (int e = 0; e < out.rows() * out.cols(); e++) {
      IExpr entry = out.get(e / out.cols(), e % out.cols());
      List<Partial> nonzero = new ArrayList<>();
      for (int k = 0; k < distinct.size(); k++) {
        if (!tangents.containsKey(distinct.get(k))) {
          continue;
        }
        SymbolicMatrix x = inputs.get(k);
        for (int i = 0; i < x.rows() * x.cols(); i++) {
          IExpr d = session.eval(F.D(entry, x.get(i / x.cols(), i % x.cols())));
          if (!d.isZero()) {
            nonzero.add(new Partial(k, i, d));
          }
        }
      }
      partials.add(nonzero);
    }
    return new Rule(inputs, partials);
  }

  /** A matrix of fresh plain symbols shaped like {@code like}. */
  private static SymbolicMatrix symbols(SymbolicMatrix like, String prefix) {
    if (like.isScalar()) {
      return SymbolicMatrix.scalar(F.symbol(prefix + "s"));
    }
    IExpr[][] e = new IExpr[like.rows()][like.cols()];
    for (int r = 0; r < like.rows(); r++) {
      for (int c = 0; c < like.cols(); c++) {
        e[r][c] = F.symbol(prefix + "r" + r + "c" + c);
      }
    }
    return SymbolicMatrix.of(e);
  }

  private IExpr add(IExpr a, IExpr b) {
    return session.atPrecision(((INumber) a).plus((INumber) b));
  }

  private IExpr multiply(IExpr a, IExpr b) {
    return session.atPrecision(((INumber) a).times((INumber) b));
  }

  /** A partial derivative's value at a node must be a number; N[..] settles what exact arithmetic left symbolic. */
  private IExpr number(IExpr e, Node n) {
    if (e.isNumber()) {
      return e;
    }
    IExpr numeric = session.eval(F.N(e, F.ZZ(SymbolicCrossCheck.DIGITS)));
    if (!numeric.isNumber()) {
      throw new IllegalStateException("The derivative at " + n + " did not evaluate to a number: " + numeric);
    }
    return numeric;
  }
}
