package dev.unroll.derive;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.UnrolledGraph;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The adjoint (delta) equations of one loss over an unrolled graph, as {@link Adjoints} derives them:
 * for every named value that reaches the loss, {@code \partial E/\partial v} is the sum over v's
 * consumers of the consumer's adjoint carried back through the gates between them; a parameter's
 * gradient is the sum over the gates where it enters. Linear in the number of stages, where the
 * expanded {@link Derivation} grows exponentially once a stage has several routes.
 *
 *
 * <p>{@code lossSymbol} is the loss the adjoints belong to ({@code E_{t+1}} for the last loss,
 * {@code E} for the total); {@code roots} are the loss nodes whose adjoint is 1; {@code adjoints}
 * holds one equation per named value in the order one computes them (newest first: every route's
 * consumer comes before the value it leads to); {@code uses} every gate where a parameter enters, in
 * the same order. Immutable; a class rather than a record only to keep an index by node.
 */
public final class AdjointSystem {
  private final UnrolledGraph graph;
  private final LossKind loss;
  private final Expr lossSymbol;
  private final List<Node> roots;
  private final List<Adjoint> adjoints;
  private final List<Use> uses;
  private final Set<Node> rootSet;
  private final Map<Node, Adjoint> byNode = new HashMap<>();

  public AdjointSystem(UnrolledGraph graph, LossKind loss, Expr lossSymbol, List<Node> roots, List<Adjoint> adjoints,
      List<Use> uses) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.loss = Objects.requireNonNull(loss, "loss");
    this.lossSymbol = Objects.requireNonNull(lossSymbol, "lossSymbol");
    this.roots = List.copyOf(roots);
    this.adjoints = List.copyOf(adjoints);
    this.uses = List.copyOf(uses);
    this.rootSet = new HashSet<>(roots);
    for (Adjoint a : this.adjoints) {
      if (byNode.put(a.variable(), a) != null) {
        throw new IllegalArgumentException("Two adjoint equations for " + a.variable() + ".");
      }
    }
  }

  public UnrolledGraph graph() {
    return graph;
  }

  public LossKind loss() {
    return loss;
  }

  public Expr lossSymbol() {
    return lossSymbol;
  }

  public List<Node> roots() {
    return roots;
  }

  public List<Adjoint> adjoints() {
    return adjoints;
  }

  public List<Use> uses() {
    return uses;
  }

  /**
   * The adjoint of one named value: {@code \partial E/\partial variable} is the sum of its routes.
   */
  public record Adjoint(Node variable, List<Route> routes) {
    public Adjoint {
      Objects.requireNonNull(variable, "variable");
      routes = List.copyOf(routes);
    }
  }

  /**
   * One consumer's share of an adjoint: the factors met walking back from {@code consumer} (a named
   * value or a loss) to the value, with no named value between them.
   */
  public record Route(Node consumer, Chain chain) {
    public Route {
      Objects.requireNonNull(consumer, "consumer");
      Objects.requireNonNull(chain, "chain");
    }
  }

  /**
   * A gate where a parameter enters: the parameter's share is the adjoint of {@code consumer} carried
   * back through {@code chain} to the gate, and then ended as {@code end} says (outer product with the
   * other input, the bias itself, or elementwise).
   */
  public record Use(Node parameter, Node consumer, Chain chain, Terminal end) {
    public Use {
      Objects.requireNonNull(parameter, "parameter");
      Objects.requireNonNull(consumer, "consumer");
      Objects.requireNonNull(chain, "chain");
      Objects.requireNonNull(end, "end");
    }

    public Time stage() {
      return end.gate().stage().orElseThrow();
    }
  }

  public boolean isRoot(Node node) {
    return rootSet.contains(node);
  }

  /** The adjoint of a named value at a stage, if the value reaches the loss. */
  public Optional<Adjoint> adjoint(String name, Time stage) {
    return graph.node(name, stage).flatMap(this::adjoint);
  }

  public Optional<Adjoint> adjoint(Node variable) {
    return Optional.ofNullable(byNode.get(variable));
  }

  /** The adjoints of the values computed at one stage (or, for an initial state, held there). */
  public List<Adjoint> at(Time stage) {
    return adjoints.stream().filter(a -> a.variable().stage().equals(Optional.of(stage))).toList();
  }

  /** The gates where a parameter enters, newest first. */
  public List<Use> uses(String parameter) {
    graph.param(parameter); // a clear message for an unknown name
    return uses.stream().filter(u -> u.parameter().name().orElseThrow().name().equals(parameter)).toList();
  }

  /**
   * How many terms the expanded sum of a parameter's gradient has, counted without expanding it
   * (exactly: it outgrows a long). Consumers come before the values they lead to, so one pass in
   * equation order counts every path.
   */
  public BigInteger pathCount(String parameter) {
    Map<Node, BigInteger> paths = new HashMap<>();
    for (Adjoint a : adjoints) {
      BigInteger n = BigInteger.ZERO;
      for (Route r : a.routes()) {
        n = n.add(isRoot(r.consumer()) ? BigInteger.ONE : paths.getOrDefault(r.consumer(), BigInteger.ZERO));
      }
      paths.put(a.variable(), n);
    }
    return uses(parameter).stream()
        .map(u -> isRoot(u.consumer()) ? BigInteger.ONE : paths.getOrDefault(u.consumer(), BigInteger.ZERO))
        .reduce(BigInteger.ZERO, BigInteger::add);
  }
}
