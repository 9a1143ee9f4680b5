package dev.unroll.site;

import dev.unroll.cell.Declaration;
import dev.unroll.cell.Equation;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Factor;
import dev.unroll.derive.Term;
import dev.unroll.derive.Terminal;
import dev.unroll.expr.Expr;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The unrolled network laid out on a grid, ready to draw: one box per named value of a stage (the
 * cell's inputs and equation targets: x, z, s, q, o, E for the simple RNN) in a column per stage,
 * oldest left, and the initial state in a column of its own; inputs on the bottom row, each equation
 * one row higher in the cell's order. Arrows follow the graph's node inputs through unnamed gates and
 * carry the weight matrix they pass ({@code U}, {@code W}, {@code V}). Boxes and arrows on the
 * gradient path of any derived term are marked hot.
 *
 * @param columns how many columns the grid has
 * @param rows how many rows
 */
public record NetworkDiagram(String title, int columns, int rows, List<Box> boxes, List<Arrow> arrows) {
  public NetworkDiagram {
    Objects.requireNonNull(title, "title");
    boxes = List.copyOf(boxes);
    arrows = List.copyOf(arrows);
  }

  /** A drawn value: its symbol, grid cell (row 0 at the bottom) and whether a gradient path visits it. */
  public record Box(int id, Expr.Symbol symbol, int column, int row, boolean hot) {
    public Box {
      Objects.requireNonNull(symbol, "symbol");
    }
  }

  /** Data flowing from one box to another, through a weight matrix if {@code parameter} is set. */
  public record Arrow(int from, int to, Optional<String> parameter, boolean hot) {
    public Arrow {
      Objects.requireNonNull(parameter, "parameter");
    }
  }

  /** The network of a graph with no paths marked. */
  public static NetworkDiagram of(UnrolledGraph graph) {
    return new Layout(graph).diagram(List.of(), graph.cell().name() + " unrolled over " + stages(graph.steps()));
  }

  /** The network of a derivation's graph with the paths of its terms marked. */
  public static NetworkDiagram of(Derivation derivation) {
    UnrolledGraph graph = derivation.graph();
    int paths = derivation.terms().size();
    String title = graph.cell().name() + " unrolled over " + stages(graph.steps()) + "; highlighted: "
        + (paths == 1 ? "the one gradient path" : "the " + paths + " gradient paths") + " of the "
        + derivation.loss().spelled() + " loss to " + derivation.parameterName();
    return new Layout(graph).diagram(derivation.terms(), title);
  }

  /** Grid positions and ownership of unnamed gates; built once per diagram. */
  private static final class Layout {
    private final UnrolledGraph graph;
    private final Map<String, Integer> rowOf = new LinkedHashMap<>();
    private final int[] owner;
    private final boolean hasInitial;

    Layout(UnrolledGraph graph) {
      this.graph = graph;
      for (Declaration d : graph.cell().declarations(Declaration.Kind.INPUT)) {
        rowOf.putIfAbsent(d.name(), rowOf.size());
      }
      for (Equation e : graph.cell().equations()) {
        rowOf.putIfAbsent(e.target().name(), rowOf.size());
      }
      this.hasInitial = graph.nodes().stream().anyMatch(n -> n.op() == Op.INITIAL_STATE);
      this.owner = new int[graph.nodes().size()];
      java.util.Arrays.fill(owner, -1);
      List<Node> nodes = graph.nodes();
      for (int i = nodes.size() - 1; i >= 0; i--) {
        Node n = nodes.get(i);
        if (drawn(n)) {
          claim(n, n.id());
        }
      }
    }

    /** Gives every unnamed gate feeding {@code n} to the drawn node it computes a part of. */
    private void claim(Node n, int drawnId) {
      if (owner[n.id()] >= 0) {
        return;
      }
      owner[n.id()] = drawnId;
      for (Node in : n.inputs()) {
        if (!drawn(in) && !in.op().isLeaf()) {
          claim(in, drawnId);
        }
      }
    }

    boolean drawn(Node n) {
      return n.name().isPresent() && n.stage().isPresent() && rowOf.containsKey(n.name().get().name())
          && n.op() != Op.PARAM && n.op() != Op.TARGET && n.op() != Op.CONSTANT;
    }

    NetworkDiagram diagram(List<Term> terms, String title) {
      BitSet hotNodes = new BitSet();
      Set<Long> hotEdges = new LinkedHashSet<>();
      for (Term term : terms) {
        List<Integer> path = path(term);
        path.forEach(hotNodes::set);
        for (int i = 0; i + 1 < path.size(); i++) {
          hotEdges.add(edgeKey(path.get(i + 1), path.get(i)));
        }
      }
      int firstOffset = graph.first().offset();
      List<Box> boxes = new ArrayList<>();
      List<Arrow> arrows = new ArrayList<>();
      for (Node n : graph.nodes()) {
        if (!drawn(n)) {
          continue;
        }
        int column = n.stage().get().offset() - firstOffset + (hasInitial ? 1 : 0);
        boxes.add(new Box(n.id(), n.name().get(), column, rowOf.get(n.name().get().name()), hotNodes.get(n.id())));
        Map<Integer, Optional<String>> sources = new LinkedHashMap<>();
        sources(n, Optional.empty(), sources, true);
        sources.forEach((from, param) -> arrows.add(new Arrow(from, n.id(), param, hotEdges.contains(edgeKey(from, n.id())))));
      }
      int columns = graph.steps() + (hasInitial ? 1 : 0);
      return new NetworkDiagram(title, columns, rowOf.size(), boxes, arrows);
    }

    /** The drawn nodes whose values flow into {@code n}, with the weight matrix on the way. */
    private void sources(Node n, Optional<String> param, Map<Integer, Optional<String>> out, boolean top) {
      if (!top && drawn(n)) {
        out.putIfAbsent(n.id(), param);
        return;
      }
      if (n.op().isLeaf()) {
        return;
      }
      Optional<String> through = param;
      if (n.op() == Op.MATMUL && n.input(0).op() == Op.PARAM) {
        through = n.input(0).name().map(Expr.Symbol::name);
      }
      for (Node in : n.inputs()) {
        sources(in, through, out, false);
      }
    }

    /** The drawn nodes a term's gradient visits, from its loss towards the parameter. */
    private List<Integer> path(Term term) {
      List<Node> visited = new ArrayList<>();
      visited.add(term.loss());
      for (Factor f : term.factors()) {
        if (f instanceof Factor.Local l) {
          visited.add(l.output());
          visited.add(l.input());
        } else if (f instanceof Factor.Through t) {
          visited.add(t.gate());
        } else if (f instanceof Factor.Elementwise e) {
          visited.add(e.gate());
        } else if (f instanceof Factor.Negative g) {
          visited.add(g.gate());
        }
      }
      visited.add(term.end().gate());
      if (term.end() instanceof Terminal.OtherInput o) {
        visited.add(o.vector());
      }
      List<Integer> path = new ArrayList<>();
      for (Node n : visited) {
        int id = owner[n.id()];
        if (id >= 0 && (path.isEmpty() || path.get(path.size() - 1) != id)) {
          path.add(id);
        }
      }
      return path;
    }

    private static long edgeKey(int from, int to) {
      return ((long) from << 32) | (to & 0xffffffffL);
    }
  }

  private static String stages(int n) {
    return n + (n == 1 ? " stage" : " stages");
  }
}
