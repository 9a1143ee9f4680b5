package dev.unroll.derive;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Derives the adjoint (delta) equations of an unrolled graph: the compact form of the chain-rule sum
 * that stays linear in the number of stages when a stage has several routes (an LSTM or a GRU), where
 * the expanded {@link Derivation} has exponentially many terms.
 *
 * <p>Reverse-mode differentiation by the chain rule, grouped at named values: every named value v
 * that reaches the loss gets {@code \partial E/\partial v = \sum_{consumers u} J_{u,v}^\top
 * \partial E/\partial u}, where the consumers are the nearest named values (or losses) computed from v
 * and {@code J_{u,v}} is the product of the local Jacobians of the unnamed gates between them, built
 * with {@link Forms#jacobians} so every factor is written as in the matrix form. A parameter's
 * gradient is the sum over the gates where it enters of the nearest consumer's adjoint carried back
 * to the gate, ended with the other input ({@code \delta x_k^\top}), itself (a bias), or elementwise.
 *
 * <p>Two rules keep it general: the walk between named values uses the same gate rules as the
 * {@link Differentiator}; and a softmax output read only by cross-entropy gets no adjoint of its own,
 * because the two gates' Jacobians fuse into {@code o - y}, as every notation of the lesson writes
 * them. Nothing here knows which cell it reads.
 */
public final class Adjoints {
  private final Forms forms;

  public Adjoints(LocalCalculus calculus) {
    this.forms = new Forms(Objects.requireNonNull(calculus, "calculus"));
  }

  public AdjointSystem derive(UnrolledGraph graph, LossKind loss) {
    List<Node> nodes = graph.nodes();
    List<Node> roots = loss == LossKind.LAST ? List.of(graph.lastLoss()) : graph.losses();
    List<List<Node>> consumers = new ArrayList<>();
    nodes.forEach(n -> consumers.add(new ArrayList<>()));
    for (Node n : nodes) {
      n.inputs().forEach(i -> consumers.get(i.id()).add(n));
    }
    boolean[] root = new boolean[nodes.size()];
    roots.forEach(r -> root[r.id()] = true);
    boolean[] reaches = graph.reaching(roots);
    boolean[] holds = new boolean[nodes.size()];
    for (Node n : nodes) {
      holds[n.id()] = reaches[n.id()] && !root[n.id()] && holdsAnAdjoint(n, consumers.get(n.id()));
    }
    Map<Node, List<AdjointSystem.Route>> routes = new LinkedHashMap<>();
    List<AdjointSystem.Use> uses = new ArrayList<>();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      if (holds[i]) {
        routes.put(n, new ArrayList<>());
      }
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node u = nodes.get(i);
      if (holds[i] || root[i]) {
        new Walk(u, holds, routes, uses).gate(u, Chain.empty());
      }
    }
    List<AdjointSystem.Adjoint> adjoints = new ArrayList<>();
    routes.forEach((v, r) -> adjoints.add(new AdjointSystem.Adjoint(v, r)));
    Expr lossSymbol = loss == LossKind.LAST ? graph.lastLoss().label()
        : new Expr.Symbol(graph.cell().loss(), Optional.empty(), Expr.Role.LOSS);
    return new AdjointSystem(graph, loss, lossSymbol, roots, adjoints, uses);
  }

  private static boolean holdsAnAdjoint(Node n, List<Node> consumers) {
    if (n.name().isEmpty() || n.op() == Op.CROSSENTROPY) {
      return false;
    }
    if (n.op().isLeaf() && n.op() != Op.INITIAL_STATE) {
      return false;
    }
    // softmax then cross-entropy: one adjoint, o - y, at the softmax's input.
    return !(n.op() == Op.SOFTMAX && consumers.stream().allMatch(c -> c.op() == Op.CROSSENTROPY));
  }

  /** The walk back from one named value or loss to the nearest named values and parameters. */
  private static final class Walk {
    private final Node from;
    private final boolean[] holds;
    private final Map<Node, List<AdjointSystem.Route>> routes;
    private final List<AdjointSystem.Use> uses;

    Walk(Node from, boolean[] holds, Map<Node, List<AdjointSystem.Route>> routes, List<AdjointSystem.Use> uses) {
      this.from = from;
      this.holds = holds;
      this.routes = routes;
      this.uses = uses;
    }

    /** Applies a gate's rule, as {@link Differentiator} does, towards each of its inputs. */
    void gate(Node gate, Chain chain) {
      switch (gate.op()) {
        case CROSSENTROPY, ACTIVATION, SOFTMAX -> enter(gate.input(0), chain.then(new Factor.Local(gate, gate.input(0))));
        case MATMUL -> {
          Node matrix = gate.input(0);
          Node vector = gate.input(1);
          if (matrix.op() != Op.PARAM) {
            throw new IllegalArgumentException("The gate " + gate.label() + " multiplies by a matrix that is not a "
                + "parameter; matrices in a cell must be parameters.");
          }
          uses.add(new AdjointSystem.Use(matrix, from, chain, new Terminal.OtherInput(gate, vector)));
          enter(vector, chain.then(new Factor.Through(gate, matrix)));
        }
        case ADD -> {
          for (Node input : gate.inputs()) {
            if (input.op() == Op.PARAM) {
              uses.add(new AdjointSystem.Use(input, from, chain, new Terminal.Direct(gate)));
            } else {
              enter(input, chain);
            }
          }
        }
        case NEGATE -> enter(gate.input(0), chain.then(new Factor.Negative(gate)));
        case HADAMARD -> {
          for (int i = 0; i < 2; i++) {
            Node input = gate.input(i);
            Node other = gate.input(1 - i);
            if (input.op() == Op.PARAM) {
              uses.add(new AdjointSystem.Use(input, from, chain, new Terminal.ElementwiseWith(gate, other)));
            } else {
              enter(input, chain.then(new Factor.Elementwise(gate, other)));
            }
          }
        }
        default -> { }
      }
    }

    private void enter(Node node, Chain chain) {
      if (holds[node.id()]) {
        routes.get(node).add(new AdjointSystem.Route(from, chain));
      } else if (!node.op().isLeaf()) {
        gate(node, chain);
      }
    }
  }

  // ---- the equations as expressions, in the matrix form's conventions ----------------------

  /** {@code \partial E/\partial v}: how an adjoint is written. */
  public Expr lhs(AdjointSystem s, Node variable) {
    return new Expr.Partial(s.lossSymbol(), variable.label());
  }

  /** The right-hand side of an adjoint equation: one term per route, transposed Jacobians, diag. */
  public Expr rhs(AdjointSystem s, AdjointSystem.Adjoint a) {
    return Expr.sum(a.routes().stream().map(r -> carried(s, r.consumer(), r.chain())).toList());
  }

  /**
   * An adjoint's right-hand side with each run of diagonal factors applied to the column it
   * multiplies written as elementwise products, {@code diag(a) diag(b) v = v \odot b \odot a}: the
   * way the gated cells' equations are usually printed ({@code \partial E/\partial h_t \odot o_t
   * \odot (1 - \tanh^2 c_t)}). Only terms made of diagonals and one column change, so no elementwise
   * product ever stands inside a matrix product. The same value as {@link #rhs}.
   */
  public Expr elementwise(Expr rhs) {
    if (rhs instanceof Expr.Sum s) {
      return Expr.sum(s.terms().stream().map(this::elementwise).toList());
    }
    if (rhs instanceof Expr.Negate n) {
      return new Expr.Negate(elementwise(n.operand()));
    }
    if (rhs instanceof Expr.Product p && p.style() == Expr.ProductStyle.JUXTAPOSE) {
      List<Expr> f = p.factors();
      if (f.subList(0, f.size() - 1).stream().allMatch(x -> x instanceof Expr.Diag)) {
        Expr acc = f.get(f.size() - 1);
        for (int i = f.size() - 2; i >= 0; i--) {
          acc = times(acc, ((Expr.Diag) f.get(i)).operand());
        }
        return acc;
      }
    }
    return rhs;
  }

  /** {@code acc \odot d}, with d's own elementwise factors appended one by one (left-nested, no parentheses). */
  private static Expr times(Expr acc, Expr d) {
    if (d instanceof Expr.Hadamard h) {
      return times(times(acc, h.left()), h.right());
    }
    return new Expr.Hadamard(acc, d);
  }

  /** The gradient of the loss with respect to a parameter: the sum over the gates where it enters. */
  public Expr gradient(AdjointSystem s, String parameter) {
    List<Expr> terms = s.uses(parameter).stream().map(u -> use(s, u)).toList();
    return terms.isEmpty() ? new Expr.Num(0) : Expr.sum(terms);
  }

  /**
   * The gradient as {@code \sum_k} over the stages, when every stage contributes the same terms with
   * the stage renamed k (checked here); empty otherwise.
   */
  public Optional<Expr> gradientSeries(AdjointSystem s, String parameter) {
    Map<Time, List<Expr>> byStage = new LinkedHashMap<>();
    for (AdjointSystem.Use u : s.uses(parameter)) {
      byStage.computeIfAbsent(u.stage(), k -> new ArrayList<>()).add(use(s, u));
    }
    if (byStage.isEmpty()) {
      return Optional.empty();
    }
    Expr body = null;
    for (Map.Entry<Time, List<Expr>> e : byStage.entrySet()) {
      Expr b = retime(s, Expr.sum(e.getValue()), e.getKey(), Recurrence.K);
      if (body != null && !body.equals(b)) {
        return Optional.empty();
      }
      body = b;
    }
    List<Time> stages = new ArrayList<>(byStage.keySet());
    if (stages.size() == 1) {
      return Optional.of(Expr.sum(byStage.get(stages.get(0))));
    }
    return Optional.of(new Expr.Series(Expr.SeriesKind.SUM, Recurrence.K, stages.get(0), stages.get(stages.size() - 1),
        true, Expr.ProductStyle.JUXTAPOSE, body));
  }

  /**
   * Renames stage {@code anchor} to {@code index} everywhere but in the loss of the last-loss
   * adjoints ({@code E_{t+1}} names the loss, not a stage of the sum): how a lesson writes the
   * equations of one stage at a generic stage k, {@code retime(s, rhs, Time.t(0), Recurrence.K)}.
   */
  public static Expr retime(AdjointSystem s, Expr e, Time anchor, Time index) {
    Expr hidden = new Expr.Symbol("lossplaceholder", Optional.empty(), Expr.Role.LOSS);
    Expr masked = Rewrite.bottomUp(e, x -> x.equals(s.lossSymbol()) ? hidden : x);
    Expr moved = Rewrite.retime(masked, anchor, index);
    return Rewrite.bottomUp(moved, x -> x.equals(hidden) ? s.lossSymbol() : x);
  }

  /**
   * Every path of the gradient, written as {@link Forms#matrix(Term)} writes a term of the expanded
   * sum, by substituting adjoints into one another. Exponential in the number of stages, as the
   * expanded sum is: for checking the compact form against it at small sizes.
   */
  public List<Expr> expand(AdjointSystem s, String parameter) {
    Map<Node, List<Path>> memo = new LinkedHashMap<>();
    List<Expr> out = new ArrayList<>();
    for (AdjointSystem.Use u : s.uses(parameter)) {
      for (Path p : paths(s, u.consumer(), memo)) {
        List<Expr> factors = new ArrayList<>(transfer(u.chain()));
        factors.addAll(p.factors());
        Expr column = sign(Expr.juxtapose(factors.isEmpty() ? List.of(new Expr.Num(1)) : factors),
            negatives(u.chain()) + p.negatives());
        out.add(end(column, u.end()));
      }
    }
    return out;
  }

  /** A path from the loss to a named value: its column factors (nearest the value first) and sign. */
  private record Path(List<Expr> factors, int negatives) {}

  private List<Path> paths(AdjointSystem s, Node node, Map<Node, List<Path>> memo) {
    if (s.isRoot(node)) {
      return List.of(new Path(List.of(), 0));
    }
    List<Path> known = memo.get(node);
    if (known != null) {
      return known;
    }
    List<Path> out = new ArrayList<>();
    for (AdjointSystem.Route r : s.adjoint(node).map(AdjointSystem.Adjoint::routes).orElse(List.of())) {
      List<Expr> hop = transfer(r.chain());
      for (Path p : paths(s, r.consumer(), memo)) {
        List<Expr> factors = new ArrayList<>(hop);
        factors.addAll(p.factors());
        out.add(new Path(factors, negatives(r.chain()) + p.negatives()));
      }
    }
    memo.put(node, out);
    return out;
  }

  /**
   * Substitutes the adjoints of every value named {@code name} into the routes and uses that read
   * them, and drops those adjoints: eliminating the RNN's {@code s} leaves the textbook recursion on
   * {@code z}; eliminating an LSTM's gates leaves a recursion on its states.
   */
  public AdjointSystem eliminate(AdjointSystem s, String name) {
    List<AdjointSystem.Adjoint> kept = new ArrayList<>();
    for (AdjointSystem.Adjoint a : s.adjoints()) {
      if (!named(a.variable(), name)) {
        List<AdjointSystem.Route> routes = new ArrayList<>();
        for (AdjointSystem.Route r : a.routes()) {
          for (AdjointSystem.Route via : through(s, r.consumer(), name)) {
            routes.add(new AdjointSystem.Route(via.consumer(), concat(via.chain(), r.chain())));
          }
        }
        kept.add(new AdjointSystem.Adjoint(a.variable(), routes));
      }
    }
    List<AdjointSystem.Use> uses = new ArrayList<>();
    for (AdjointSystem.Use u : s.uses()) {
      for (AdjointSystem.Route via : through(s, u.consumer(), name)) {
        uses.add(new AdjointSystem.Use(u.parameter(), via.consumer(), concat(via.chain(), u.chain()), u.end()));
      }
    }
    return new AdjointSystem(s.graph(), s.loss(), s.lossSymbol(), s.roots(), kept, uses);
  }

  /** The routes a consumer stands for: itself, or its own routes when it is being eliminated. */
  private static List<AdjointSystem.Route> through(AdjointSystem s, Node consumer, String name) {
    if (!named(consumer, name) || s.isRoot(consumer)) {
      return List.of(new AdjointSystem.Route(consumer, Chain.empty()));
    }
    return s.adjoint(consumer).map(AdjointSystem.Adjoint::routes).orElse(List.of());
  }

  private static boolean named(Node n, String name) {
    return n.name().map(x -> x.name().equals(name)).orElse(false);
  }

  private static Chain concat(Chain first, Chain then) {
    List<Factor> all = new ArrayList<>(first.factors());
    all.addAll(then.factors());
    return Chain.of(all);
  }

  // ---- building blocks ---------------------------------------------------------------------

  /** The adjoint of {@code consumer} carried back through {@code chain}: J^T ... J^T dE/du. */
  Expr carried(AdjointSystem s, Node consumer, Chain chain) {
    List<Expr> factors = new ArrayList<>(transfer(chain));
    if (!s.isRoot(consumer)) {
      factors.add(lhs(s, consumer));
    }
    return sign(Expr.juxtapose(factors.isEmpty() ? List.of(new Expr.Num(1)) : factors), negatives(chain));
  }

  private Expr use(AdjointSystem s, AdjointSystem.Use u) {
    return end(carried(s, u.consumer(), u.chain()), u.end());
  }

  /** The transposed Jacobians of a chain in reverse order: the column form of carrying a gradient back. */
  List<Expr> transfer(Chain chain) {
    List<Expr> out = new ArrayList<>();
    for (Expr j : forms.jacobians(chain)) {
      out.add(Forms.transpose(j));
    }
    Collections.reverse(out);
    return out;
  }

  static int negatives(Chain chain) {
    return (int) chain.factors().stream().filter(f -> f instanceof Factor.Negative).count();
  }

  static Expr sign(Expr e, int negatives) {
    return negatives % 2 == 1 ? new Expr.Negate(e) : e;
  }

  /** The parameter's end of a term, as {@link Forms#matrix(Term)} writes it. */
  private static Expr end(Expr column, Terminal end) {
    if (end instanceof Terminal.OtherInput o) {
      boolean negative = column instanceof Expr.Negate;
      Expr unsigned = negative ? ((Expr.Negate) column).operand() : column;
      List<Expr> factors = new ArrayList<>();
      if (unsigned instanceof Expr.Product p && p.style() == Expr.ProductStyle.JUXTAPOSE) {
        factors.addAll(p.factors());
      } else {
        factors.add(unsigned);
      }
      factors.add(new Expr.Transpose(o.vector().label()));
      return sign(Expr.juxtapose(factors), negative ? 1 : 0);
    }
    if (end instanceof Terminal.ElementwiseWith e) {
      return new Expr.Hadamard(column, e.other().label());
    }
    return column;
  }
}
