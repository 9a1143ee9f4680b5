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
 * gradient path of any derived term are marked hot. A long network can be drawn with its middle
 * stages {@linkplain #elided elided}: one column of ellipses stands for them.
 *
 * @param columns how many columns the grid has
 * @param rows how many rows
 * @param groups for each column, the group it belongs to: the columns of one stage share a group
 *     (a drawing keeps them close together), the initial state and an elision are groups of their own
 */
public record NetworkDiagram(String title, int columns, int rows, List<Box> boxes, List<Arrow> arrows,
    List<Integer> groups) {
  public NetworkDiagram {
    Objects.requireNonNull(title, "title");
    boxes = List.copyOf(boxes);
    arrows = List.copyOf(arrows);
    groups = List.copyOf(groups);
    if (groups.size() != columns) {
      throw new IllegalArgumentException("a diagram of " + columns + " columns needs as many groups, got " + groups.size());
    }
  }

  /**
   * A drawn value: its symbol, grid cell (row 0 at the bottom) and whether a gradient path visits it.
   * An ellipsis box stands for its row's values in the elided stages ({@code symbol} names one of them).
   */
  public record Box(int id, Expr.Symbol symbol, int column, int row, boolean hot, boolean ellipsis) {
    public Box {
      Objects.requireNonNull(symbol, "symbol");
    }

    Box(int id, Expr.Symbol symbol, int column, int row, boolean hot) {
      this(id, symbol, column, row, hot, false);
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

  /** How many groups (stages, the initial state, an elision) the columns form. */
  public int groupCount() {
    return columns == 0 ? 0 : groups.get(columns - 1) + 1;
  }

  /**
   * This diagram with its middle groups drawn as one column of ellipses: the first {@code keepFirst}
   * and the last {@code keepLast} groups stay as they are; each row that had a value in the groups
   * between gets one ellipsis box, hot if any value it stands for was. An arrow between a kept value
   * and an elided one starts from the elided value's row's ellipsis, or ends at the kept value's own
   * row's ellipsis when there is one (else the elided value's), keeping its weight when all the
   * arrows it stands for pass the same one; arrows among elided values go. Unchanged when fewer than
   * two groups would go.
   */
  public NetworkDiagram elided(int keepFirst, int keepLast) {
    int count = groupCount();
    if (keepFirst < 1 || keepLast < 1 || keepFirst + keepLast + 2 > count) {
      return this;
    }
    int tail = count - keepLast;
    int from = groups.indexOf(keepFirst);
    int to = groups.lastIndexOf(tail - 1);
    int removed = to - from;
    Map<Integer, Integer> ellipsisOf = new LinkedHashMap<>(); // elided box id -> its row's ellipsis id
    Map<Integer, Box> ellipses = new LinkedHashMap<>(); // by row
    List<Box> kept = new ArrayList<>();
    int oldest = Integer.MAX_VALUE;
    int newest = Integer.MIN_VALUE;
    for (Box b : boxes) {
      if (b.column() < from) {
        kept.add(b);
      } else if (b.column() > to) {
        kept.add(new Box(b.id(), b.symbol(), b.column() - removed, b.row(), b.hot(), b.ellipsis()));
      } else {
        int id = -1 - b.row();
        ellipsisOf.put(b.id(), id);
        Box before = ellipses.get(b.row());
        ellipses.put(b.row(), new Box(id, before == null ? b.symbol() : before.symbol(), from, b.row(),
            b.hot() || (before != null && before.hot()), true));
        if (b.symbol().time().isPresent()) {
          oldest = Math.min(oldest, b.symbol().time().get().offset());
          newest = Math.max(newest, b.symbol().time().get().offset());
        }
      }
    }
    List<Box> shown = new ArrayList<>(kept);
    shown.addAll(ellipses.values());
    Map<Integer, Integer> rowOfBox = new LinkedHashMap<>();
    boxes.forEach(b -> rowOfBox.put(b.id(), b.row()));
    Map<Long, Arrow> merged = new LinkedHashMap<>();
    for (Arrow a : arrows) {
      int f = ellipsisOf.getOrDefault(a.from(), a.from());
      // What a kept value sends into the elided stages goes to the dots of its own row (a state to the
      // same state, later), when that row has dots: one arrow, not one per value it feeds.
      int t = ellipsisOf.containsKey(a.to()) && f >= 0 && ellipses.containsKey(rowOfBox.get(a.from()))
          ? -1 - rowOfBox.get(a.from()) : ellipsisOf.getOrDefault(a.to(), a.to());
      if (f < 0 && t < 0) {
        continue;
      }
      merged.merge(((long) f << 32) | (t & 0xffffffffL), new Arrow(f, t, a.parameter(), a.hot()),
          (x, y) -> new Arrow(f, t, x.parameter().equals(y.parameter()) ? x.parameter() : Optional.empty(), x.hot() || y.hot()));
    }
    List<Integer> newGroups = new ArrayList<>(groups.subList(0, from));
    newGroups.add(keepFirst);
    groups.subList(to + 1, columns).forEach(g -> newGroups.add(g - (tail - keepFirst) + 1));
    String span = oldest == Integer.MAX_VALUE ? "the middle stages"
        : "the stages " + dev.unroll.expr.Time.t(oldest).spelled() + " to " + dev.unroll.expr.Time.t(newest).spelled();
    return new NetworkDiagram(title + "; " + span + " drawn as dots", columns - removed, rows, shown,
        List.copyOf(merged.values()), newGroups);
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
        // The initial state has a column of its own, one slot wide: it holds only the states.
        int stage = n.stage().get().offset() - firstOffset;
        int column = n.op() == Op.INITIAL_STATE ? 0 : (hasInitial ? 1 : 0) + stage * width + slotOf.get(name);
        boxes.add(new Box(n.id(), n.name().get(), column, rowOf.get(name), hotNodes.get(n.id())));
        Map<Integer, Optional<String>> sources = new LinkedHashMap<>();
        sources(n, Optional.empty(), sources, true, rowOf);
        sources.forEach((from, param) -> arrows.add(new Arrow(from, n.id(), param, hotEdges.contains(edgeKey(from, n.id())))));
      }
      int columns = (hasInitial ? 1 : 0) + graph.steps() * width;
      int rows = rowOf.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
      List<Integer> groups = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        groups.add(hasInitial ? (c == 0 ? 0 : 1 + (c - 1) / width) : c / width);
      }
      return new NetworkDiagram(title, columns, rows, boxes, arrows, groups);
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
