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

  /**
   * The picture of a lesson's network over all its stages: with the gradient's paths marked, or for a
   * gated cell, whose paths multiply with every stage, the network alone.
   */
  public static NetworkDiagram of(dev.unroll.pipeline.Lesson lesson) {
    var cell = lesson.derivation().graph().cell();
    return dev.unroll.pipeline.Pipeline.gated(cell)
        ? of(new dev.unroll.unroll.Unroller().unroll(cell, lesson.spec().steps()))
        : of(lesson.fullDerivation());
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

    /** The slot of each name within its stage's columns: values on the same row stand side by side. */
    private final Map<String, Integer> slotOf = new LinkedHashMap<>();
    /** Columns per stage: the most values any row of a stage holds (1 for the plain RNN, 4 for the LSTM's gates). */
    private final int width;

    Layout(UnrolledGraph graph) {
      this.graph = graph;
      this.hasInitial = graph.nodes().stream().anyMatch(n -> n.op() == Op.INITIAL_STATE);
      this.owner = new int[graph.nodes().size()];
      java.util.Arrays.fill(owner, -1);
      List<Node> nodes = graph.nodes();
      Map<String, Integer> depth = new LinkedHashMap<>();
      for (Declaration d : graph.cell().declarations(Declaration.Kind.INPUT)) {
        depth.putIfAbsent(d.name(), 0);
      }
      for (Equation e : graph.cell().equations()) {
        depth.putIfAbsent(e.target().name(), 0);
      }
      for (int i = nodes.size() - 1; i >= 0; i--) {
        Node n = nodes.get(i);
        if (drawn(n, depth)) {
          claim(n, n.id(), depth);
        }
      }
      // A value's row is one above the highest value of its own stage it reads, so gates that read the same
      // inputs share a row and stand side by side, each reached by its own arrow (the LSTM's i, f, o, g).
      Map<Integer, Integer> nodeDepth = new LinkedHashMap<>();
      for (Node n : nodes) {
        if (!drawn(n, depth) || !n.stage().equals(Optional.of(graph.last()))) {
          continue;
        }
        Map<Integer, Optional<String>> in = new LinkedHashMap<>();
        sources(n, Optional.empty(), in, true, depth);
        int d = graph.cell().declarations(Declaration.Kind.INPUT).stream().anyMatch(x -> x.name().equals(n.name().get().name()))
            ? 0 : 1;
        for (int from : in.keySet()) {
          Node f = nodes.get(from);
          if (f.stage().equals(n.stage()) && nodeDepth.containsKey(from)) {
            d = Math.max(d, nodeDepth.get(from) + 1);
          }
        }
        nodeDepth.put(n.id(), d);
        depth.put(n.name().get().name(), d);
      }
      Map<Integer, Integer> perRow = new LinkedHashMap<>();
      depth.forEach((name, d) -> {
        rowOf.put(name, d);
        slotOf.put(name, perRow.merge(d, 1, Integer::sum) - 1);
      });
      this.width = perRow.values().stream().mapToInt(Integer::intValue).max().orElse(1);
      // Center a row with fewer values than the widest.
      depth.forEach((name, d) -> slotOf.put(name, slotOf.get(name) + (width - perRow.get(d)) / 2));
    }

    /** Gives every unnamed gate feeding {@code n} to the drawn node it computes a part of. */
    private void claim(Node n, int drawnId, Map<String, Integer> names) {
      if (owner[n.id()] >= 0) {
        return;
      }
      owner[n.id()] = drawnId;
      for (Node in : n.inputs()) {
        if (!drawn(in, names) && !in.op().isLeaf()) {
          claim(in, drawnId, names);
        }
      }
    }

    boolean drawn(Node n) {
      return drawn(n, rowOf);
    }

    private static boolean drawn(Node n, Map<String, Integer> names) {
      return n.name().isPresent() && n.stage().isPresent() && names.containsKey(n.name().get().name())
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
        String name = n.name().get().name();
        int column = (n.stage().get().offset() - firstOffset + (hasInitial ? 1 : 0)) * width + slotOf.get(name);
        boxes.add(new Box(n.id(), n.name().get(), column, rowOf.get(name), hotNodes.get(n.id())));
        Map<Integer, Optional<String>> sources = new LinkedHashMap<>();
        sources(n, Optional.empty(), sources, true, rowOf);
        sources.forEach((from, param) -> arrows.add(new Arrow(from, n.id(), param, hotEdges.contains(edgeKey(from, n.id())))));
      }
      int columns = (graph.steps() + (hasInitial ? 1 : 0)) * width;
      int rows = rowOf.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
      return new NetworkDiagram(title, columns, rows, boxes, arrows);
    }

    /** The drawn nodes whose values flow into {@code n}, with the weight matrix on the way. */
    private static void sources(Node n, Optional<String> param, Map<Integer, Optional<String>> out, boolean top,
        Map<String, Integer> names) {
      if (!top && drawn(n, names)) {
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
        sources(in, through, out, false, names);
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
