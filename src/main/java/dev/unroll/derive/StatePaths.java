package dev.unroll.derive;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How a gradient travels along one state from stage to stage, derived from the graph by restricting
 * the backward walk to a family of paths: the one-step Jacobian of a state over all routes, or only
 * over the routes that stay on that state's own chain (that pass through no other state). For an
 * LSTM's cell state the own chain is the direct route {@code c_{s-1} -> c_s}, so
 * {@code \partial E/\partial c_k} along it is {@code diag(f_{k+1}) ... diag(f_{t+1})} times the
 * newest adjoint; all routes add the paths through {@code h_{s-1}} and the gates. Nothing here knows
 * which cell it reads: the state is a parameter.
 */
public final class StatePaths {
  /** Which paths between a state at two consecutive stages are followed. */
  public enum Family {
    /** Every path in the graph. */
    ALL_ROUTES,
    /** Only paths that pass through no other state of the cell (for the LSTM's c: not through h). */
    OWN_CHAIN
  }

  private final Adjoints adjoints;

  public StatePaths(LocalCalculus calculus) {
    this.adjoints = new Adjoints(Objects.requireNonNull(calculus, "calculus"));
  }

  /**
   * The column form of the one-step Jacobian, {@code (\partial v_s/\partial v_{s-1})^\top}: what
   * carries v's adjoint from stage s back to s-1, summed over the chosen family of paths.
   *
   * @throws IllegalArgumentException when v is not a state computed at stage s
   */
  public Expr step(UnrolledGraph graph, String variable, Time stage, Family family) {
    Node to = state(graph, variable, stage);
    Node from = state(graph, variable, stage.plus(-1));
    Predicate<Node> avoid = family == Family.ALL_ROUTES ? n -> false
        : n -> n.name().map(s -> s.role() == Expr.Role.STATE && !s.name().equals(variable)).orElse(false);
    List<Expr> terms = new ArrayList<>();
    for (Chain c : chains(graph, from, to, avoid)) {
      List<Expr> t = adjoints.transfer(c);
      terms.add(Adjoints.sign(Expr.juxtapose(t.isEmpty() ? List.of(new Expr.Num(1)) : t), Adjoints.negatives(c)));
    }
    return terms.isEmpty() ? new Expr.Num(0) : Expr.sum(terms);
  }

  /**
   * {@code \partial E/\partial v_k} along v's own chain only: the own-chain steps from stage k+1 up to
   * the newest stage, times the newest adjoint of v (which holds every route from the loss).
   */
  public Expr along(AdjointSystem s, String variable, Time stage) {
    List<Expr> factors = new ArrayList<>();
    Time newest = s.graph().last();
    for (int j = stage.offset() + 1; j <= newest.offset(); j++) {
      factors.add(step(s.graph(), variable, Time.t(j), Family.OWN_CHAIN));
    }
    factors.add(adjoints.lhs(s, state(s.graph(), variable, newest)));
    return Expr.juxtapose(factors);
  }

  /**
   * The same as {@link #along}, written {@code \prod_{j=k+1}^{t+1} M_j \, \partial E/\partial v_{t+1}},
   * when every own-chain step is the same with its stage renamed (checked here); empty when k is the
   * newest stage or the steps differ.
   */
  public Optional<Expr> alongSeries(AdjointSystem s, String variable, Time stage) {
    Time newest = s.graph().last();
    if (stage.offset() >= newest.offset()) {
      return Optional.empty();
    }
    Expr body = null;
    for (int j = stage.offset() + 1; j <= newest.offset(); j++) {
      Expr b = Adjoints.retime(s, step(s.graph(), variable, Time.t(j), Family.OWN_CHAIN), Time.t(j), ClosedForm.J);
      if (body != null && !body.equals(b)) {
        return Optional.empty();
      }
      body = b;
    }
    Expr product = new Expr.Series(Expr.SeriesKind.PRODUCT, ClosedForm.J, stage.plus(1), newest, false,
        Expr.ProductStyle.JUXTAPOSE, body);
    return Optional.of(Expr.juxtapose(List.of(product, adjoints.lhs(s, state(s.graph(), variable, newest)))));
  }

  private static Node state(UnrolledGraph graph, String variable, Time stage) {
    Node n = graph.node(variable, stage).orElseThrow(() -> new IllegalArgumentException("The cell '"
        + graph.cell().name() + "' has no value '" + variable + "' at stage " + stage + " of " + graph.steps() + " stages."));
    if (n.name().map(x -> x.role() != Expr.Role.STATE).orElse(true)) {
      throw new IllegalArgumentException("'" + variable + "' is not a state of the cell '" + graph.cell().name() + "'.");
    }
    return n;
  }

  /** Every path from {@code from} forward to {@code to}, as chains walked back from {@code to}. */
  private static List<Chain> chains(UnrolledGraph graph, Node from, Node to, Predicate<Node> avoid) {
    // Nodes are in topological order, so every path between the two lies between their ids.
    Window reached = new Window(from.id(), to.id());
    for (Node n : graph.nodes().subList(from.id(), to.id() + 1)) {
      reached.set(n, n.equals(from) || (!avoid.test(n) && n.inputs().stream().anyMatch(reached::get)));
    }
    List<Chain> out = new ArrayList<>();
    walk(to, from, Chain.empty(), reached, out);
    return out;
  }

  /** Which nodes with ids in [first, last] reach the start of the walk; cost the window's size, not the graph's. */
  private static final class Window {
    private final int first;
    private final boolean[] marks;

    Window(int first, int last) {
      this.first = first;
      this.marks = new boolean[Math.max(0, last - first + 1)];
    }

    boolean get(Node n) {
      int i = n.id() - first;
      return i >= 0 && i < marks.length && marks[i];
    }

    void set(Node n, boolean value) {
      marks[n.id() - first] = value;
    }
  }

  private static void walk(Node gate, Node from, Chain chain, Window reached, List<Chain> out) {
    if (gate.equals(from)) {
      out.add(chain);
      return;
    }
    if (gate.op() == Op.ACTIVATION || gate.op() == Op.SOFTMAX) {
      enter(gate.input(0), from, chain.then(new Factor.Local(gate, gate.input(0))), reached, out);
    } else if (gate.op() == Op.MATMUL) {
      enter(gate.input(1), from, chain.then(new Factor.Through(gate, gate.input(0))), reached, out);
    } else if (gate.op() == Op.ADD) {
      gate.inputs().forEach(i -> enter(i, from, chain, reached, out));
    } else if (gate.op() == Op.NEGATE) {
      enter(gate.input(0), from, chain.then(new Factor.Negative(gate)), reached, out);
    } else if (gate.op() == Op.HADAMARD) {
      for (int i = 0; i < 2; i++) {
        enter(gate.input(i), from, chain.then(new Factor.Elementwise(gate, gate.input(1 - i))), reached, out);
      }
    }
  }

  private static void enter(Node node, Node from, Chain chain, Window reached, List<Chain> out) {
    if (reached.get(node)) {
      walk(node, from, chain, reached, out);
    }
  }
}
