package dev.unroll.unroll;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import dev.unroll.cell.Equation;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instantiates a cell's equations for N stages ending at {@code t+1} (stages {@code t+1, t, ...,
 * t+2-N}; the initial state is {@code s_{t+1-N}}) and wires them into a graph of gates. Juxtaposed
 * products become matrix-vector gates applied right to left, sums become addition gates, and each
 * function becomes an activation, softmax or loss gate.
 */
public final class Unroller {
  /** The most stages the expanded graph is built for. */
  public static final int MAX_STEPS = 10_000;

  public UnrolledGraph unroll(CellDefinition cell, int steps) {
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("--steps must be between 1 and " + MAX_STEPS + ", got " + steps + ".");
    }
    return new Build(cell, steps).run();
  }

  /** The state of one unrolling; discarded afterwards. */
  private static final class Build {
    private final CellDefinition cell;
    private final int steps;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> byName = new LinkedHashMap<>();
    private final Map<String, Node> params = new LinkedHashMap<>();
    private final List<Node> losses = new ArrayList<>();
    private final int firstOffset;

    Build(CellDefinition cell, int steps) {
      this.cell = cell;
      this.steps = steps;
      this.firstOffset = 2 - steps;
    }

    UnrolledGraph run() {
      for (Declaration d : cell.declarations(Declaration.Kind.PARAM)) {
        Expr.Symbol symbol = Expr.Symbol.param(d.name());
        Node p = add(Op.PARAM, List.of(), symbol, Optional.of(symbol), "", Optional.empty(), 0);
        params.put(d.name(), p);
      }
      List<Time> stages = new ArrayList<>();
      for (int offset = firstOffset; offset <= 1; offset++) {
        Time stage = Time.t(offset);
        stages.add(0, stage);
        for (Equation eq : cell.equations()) {
          Expr.Symbol target = eq.target().withTime(stage);
          Expr rhs = bind(Rewrite.shift(eq.definition(), offset));
          Node node = gate(rhs, stage, Optional.of(target));
          byName.put(UnrolledGraph.key(target.name(), stage), node);
          if (target.name().equals(cell.loss())) {
            losses.add(0, node);
          }
        }
      }
      List<Equation> bound = cell.equations().stream()
          .map(e -> new Equation(e.target(), bind(e.definition()), e.line())).toList();
      return new UnrolledGraph(cell, steps, nodes, stages, byName, params, losses, bound);
    }

    /** Replaces activation placeholders ({@code f}) by the activation they are bound to. */
    private Expr bind(Expr e) {
      return Rewrite.bottomUp(e, x -> x instanceof Expr.Apply a && cell.placeholders().containsKey(a.function())
          ? new Expr.Apply(cell.placeholders().get(a.function()), a.arguments()) : x);
    }

    private Node gate(Expr e, Time stage, Optional<Expr.Symbol> name) {
      Expr label = name.isPresent() ? name.get() : e;
      if (e instanceof Expr.Symbol s) {
        Node value = value(s);
        if (name.isEmpty()) {
          return value;
        }
        return add(Op.ADD, List.of(value), label, name, "", Optional.of(stage), 0);
      }
      if (e instanceof Expr.Num n) {
        return add(Op.CONSTANT, List.of(), e, Optional.empty(), "", Optional.of(stage), n.value());
      }
      if (e instanceof Expr.Sum s) {
        List<Node> terms = s.terms().stream().map(x -> gate(x, stage, Optional.empty())).toList();
        return add(Op.ADD, terms, label, name, "", Optional.of(stage), 0);
      }
      if (e instanceof Expr.Negate n) {
        return add(Op.NEGATE, List.of(gate(n.operand(), stage, Optional.empty())), label, name, "", Optional.of(stage), 0);
      }
      if (e instanceof Expr.Hadamard h) {
        List<Node> in = List.of(gate(h.left(), stage, Optional.empty()), gate(h.right(), stage, Optional.empty()));
        return add(Op.HADAMARD, in, label, name, "", Optional.of(stage), 0);
      }
      if (e instanceof Expr.Product p) {
        // A B c is A (B c): the rightmost factor is the vector, every other one a matrix.
        List<Expr> factors = p.factors();
        Node right = gate(factors.get(factors.size() - 1), stage, Optional.empty());
        for (int i = factors.size() - 2; i >= 0; i--) {
          Node matrix = gate(factors.get(i), stage, Optional.empty());
          boolean outer = i == 0;
          Expr partial = Expr.juxtapose(factors.subList(i, factors.size()));
          right = add(Op.MATMUL, List.of(matrix, right), outer ? label : partial, outer ? name : Optional.empty(),
              "", Optional.of(stage), 0);
        }
        return right;
      }
      if (e instanceof Expr.Apply a) {
        List<Node> in = a.arguments().stream().map(x -> gate(x, stage, Optional.empty())).toList();
        return switch (a.function()) {
          case "softmax" -> add(Op.SOFTMAX, in, label, name, "", Optional.of(stage), 0);
          case "crossentropy" -> add(Op.CROSSENTROPY, in, label, name, "", Optional.of(stage), 0);
          default -> add(Op.ACTIVATION, in, label, name, a.function(), Optional.of(stage), 0);
        };
      }
      throw new IllegalArgumentException("A cell equation cannot contain " + e.getClass().getSimpleName() + ".");
    }

    /** The node holding a symbol's value: a parameter, an earlier result, or a new leaf. */
    private Node value(Expr.Symbol s) {
      if (s.time().isEmpty()) {
        return params.get(s.name());
      }
      Time time = s.time().get();
      Node known = byName.get(UnrolledGraph.key(s.name(), time));
      if (known != null) {
        return known;
      }
      Declaration d = cell.declaration(s.name()).orElseThrow(() -> new IllegalStateException(
          "The cell parser let through the undeclared '" + s.name() + "'."));
      Op op = switch (d.kind()) {
        case INPUT -> Op.INPUT;
        case TARGET -> Op.TARGET;
        case STATE -> Op.INITIAL_STATE;
        case PARAM -> throw new IllegalStateException("A parameter with a time subscript: " + s.name());
      };
      if (op == Op.INITIAL_STATE && time.offset() >= firstOffset) {
        throw new IllegalStateException("The state " + s.name() + " at " + time + " is read before it is computed.");
      }
      Node leaf = add(op, List.of(), s, Optional.of(s), "", Optional.of(time), 0);
      byName.put(UnrolledGraph.key(s.name(), time), leaf);
      return leaf;
    }

    private Node add(Op op, List<Node> inputs, Expr label, Optional<Expr.Symbol> name, String function,
        Optional<Time> stage, long constant) {
      Node node = new Node(nodes.size(), op, inputs, label, name, function, stage, constant);
      nodes.add(node);
      return node;
    }
  }
}
