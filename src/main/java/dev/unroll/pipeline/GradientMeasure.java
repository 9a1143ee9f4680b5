package dev.unroll.pipeline;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.LossKind;
import dev.unroll.explore.LogPlot;
import dev.unroll.numeric.AdjointForm;
import dev.unroll.numeric.Params;
import dev.unroll.numeric.ParamsGenerator;
import dev.unroll.numeric.TermNorms;
import dev.unroll.expr.Expr;
import dev.unroll.render.GatedLessonView;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lesson's measured comparison: on seeded random weights over {@link #STEPS} stages, the norm of
 * the newest loss's gradient with respect to the state j stages back, for the plain tanh RNN and for
 * the gated cell; for a cell with a memory state, also the share along the memory's own path, with
 * the gate's bias at 0 and at {@link #OPEN_BIAS} (so the gate sits near 1/2 or near 1). The findings
 * are sentences chosen by comparing these numbers, never written in advance. The table's columns and
 * the plot's lines are made from the same arrays of norms: the table samples some distances, the plot
 * draws every one.
 */
final class GradientMeasure {
  /** Stages of the measured networks. */
  static final int STEPS = 20;
  /** The bias that holds a sigmoid gate near 1 (sigmoid(3) is about 0.95). */
  static final double OPEN_BIAS = 3;
  private static final long SEED = 1;
  private static final int[] DISTANCES = {0, 1, 2, 3, 5, 10, 15, 19};

  private final CellLibrary cells;
  private final LocalCalculus calculus;

  GradientMeasure(CellLibrary cells, LocalCalculus calculus) {
    this.cells = cells;
    this.calculus = calculus;
  }

  /** The measured comparison's view and its plot, both drawn from the same columns of norms. */
  record Measured(GatedLessonView.MeasureView view, PlotFile plot) {}

  /**
   * A column of the table and a line of the plot: its heading, the norm j stages back at index j,
   * and how the line is drawn (the colour of its setting; dashed for a memory's own path).
   */
  private record Column(String heading, double[] norms, int color, boolean dashed) {}

  /** Measures and compares; {@code plotFile} is the name the plot's SVG is written under next to the lesson. */
  Measured measure(CellDefinition cell, Optional<String> gate, Optional<String> memory, Optional<String> bias,
      String plotFile) {
    TermNorms norms = new TermNorms();
    CellDefinition rnn = cells.load("rnn").withPlaceholder(cells.load("rnn").placeholders().keySet().iterator().next(), "tanh");
    String rnnState = rnn.declarations(dev.unroll.cell.Declaration.Kind.STATE).get(0).name();
    double[] plain = norms.full(network(rnn, "tanh", Optional.empty()), rnnState);
    String visible = cell.declarations(dev.unroll.cell.Declaration.Kind.STATE).get(0).name();
    List<Column> columns = new ArrayList<>(List.of(new Column("RNN, state " + rnnState, plain, 0, false)));
    List<String> findings = new ArrayList<>();
    String setup = String.format(Locale.ROOT, "The same seeded random weights (seed %d, $H = %d$, $D = %d$, $K = %d$) over %d stages, "
        + "the last loss; each entry is the Euclidean norm of the gradient of the newest loss with respect to the state $j$ stages back.",
        SEED, Pipelines.NUMERIC_SIZES.get("H"), Pipelines.NUMERIC_SIZES.get("D"), Pipelines.NUMERIC_SIZES.get("K"), STEPS);
    int last = STEPS - 1;
    findings.add(String.format(Locale.ROOT, "Over %d stages back, the plain RNN's gradient norm changed by a factor of %s.",
        last, number(plain[last] / plain[0])));
    if (gate.isPresent() && memory.isPresent() && bias.isPresent()) {
      TermNorms.Network closed = network(cell, "", Optional.of(bias.get() + "=0"));
      TermNorms.Network open = network(cell, "", Optional.of(bias.get() + "=" + OPEN_BIAS));
      double[] alongClosed = norms.alongGate(closed, memory.get(), gate.get());
      double[] alongOpen = norms.alongGate(open, memory.get(), gate.get());
      double[] fullClosed = norms.full(closed, memory.get());
      double[] fullOpen = norms.full(open, memory.get());
      double meanClosed = norms.mean(closed, gate.get());
      double meanOpen = norms.mean(open, gate.get());
      String m = math(memory.get(), Expr.Role.STATE);
      String g = math(gate.get(), Expr.Role.INTERMEDIATE);
      String b = math(bias.get(), Expr.Role.PARAMETER);
      String mText = memory.get();
      String bText = bias.get();
      String name = cell.name().toUpperCase(Locale.ROOT);
      // Colour by the bias setting, dashed for the memory's own path, so each pair reads together.
      String open3 = LatexWriter.number(OPEN_BIAS);
      columns.add(new Column(name + ", " + mText + " path only, " + bText + " = 0", alongClosed, 1, true));
      columns.add(new Column(name + ", " + mText + " path only, " + bText + " = " + open3, alongOpen, 2, true));
      columns.add(new Column(name + ", all paths to " + mText + ", " + bText + " = 0", fullClosed, 1, false));
      columns.add(new Column(name + ", all paths to " + mText + ", " + bText + " = " + open3, fullOpen, 2, false));
      double rClosed = alongClosed[last] / alongClosed[0];
      double rOpen = alongOpen[last] / alongOpen[0];
      double rPlain = plain[last] / plain[0];
      findings.add(String.format(Locale.ROOT, "Along the path of %s alone, with $%s = 0$ the gate %s averaged %s and the norm changed by a factor of %s; "
          + "with $%s = %s$ the gate averaged %s and the norm changed by a factor of %s.",
          m, unwrap(b), g, fixed(meanClosed), number(rClosed), unwrap(b), open3, fixed(meanOpen), number(rOpen)));
      if (rClosed < 1 && rOpen < 1) {
        findings.add("In both settings the term still decays: every stage multiplies it by " + g + ", whose entries are below 1.");
      } else {
        findings.add("In at least one setting the term along " + m + " did not shrink over these stages.");
      }
      findings.add(rOpen > rClosed
          ? "Holding " + g + " near 1 made it decay " + (rOpen > 100 * rClosed ? "far " : "") + "more slowly, at the rate of " + g + " itself."
          : "On these weights, holding " + g + " near 1 did not slow the decay.");
      findings.add(rOpen > rPlain
          ? String.format(Locale.ROOT, "With %s near 1 the path of %s kept %s times more of the gradient than the RNN's state did over the same distance.",
              g, m, number(rOpen / rPlain))
          : "On these weights the path of " + m + " kept no more of the gradient than the RNN's state did.");
      findings.add(String.format(Locale.ROOT, "At the largest distance the full gradient, which adds the paths through the hidden state "
          + "and the gates, is %s times the path-only share with $%s = 0$ and %s times it with $%s = %s$; %s",
          number(fullClosed[last] / alongClosed[last]), unwrap(b), number(fullOpen[last] / alongOpen[last]), unwrap(b), open3,
          within(fullClosed[last] / alongClosed[last]) && within(fullOpen[last] / alongOpen[last])
              ? "the path of " + m + " carries most of what reaches back."
              : "the other paths matter for how much reaches back, so the product of the gates alone does not tell the whole story."));
    } else {
      double[] gated = norms.full(network(cell, "", Optional.empty()), visible);
      columns.add(new Column(cell.name().toUpperCase(Locale.ROOT) + ", state " + visible, gated, 1, false));
      double r = gated[last] / gated[0];
      double rPlain = plain[last] / plain[0];
      findings.add(String.format(Locale.ROOT, "The %s's gradient norm changed by a factor of %s over the same distance, %s the RNN's.",
          cell.name().toUpperCase(Locale.ROOT), number(r), r > rPlain ? "less decay than" : "no less decay than"));
    }
    List<GatedLessonView.RowView> rows = new ArrayList<>();
    for (int j : DISTANCES) {
      if (j < STEPS) {
        rows.add(new GatedLessonView.RowView(j, columns.stream().map(c -> LatexWriter.number(c.norms()[j])).toList()));
      }
    }
    PlotFile plot = new PlotFile(plotFile, new LogPlot("norms",
        "Gradient norm j stages back, " + cell.name().toUpperCase(Locale.ROOT) + " and the plain RNN",
        "j, stages back from the newest stage", "gradient norm (log scale)",
        columns.stream().map(c -> LogPlot.Line.of(c.heading(), c.color(), c.dashed(), c.norms())).toList()));
    return new Measured(new GatedLessonView.MeasureView(STEPS, setup, columns.stream().map(Column::heading).toList(), rows,
        findings, plotFile, plot.drawing()), plot);
  }

  /** A network of {@link #STEPS} stages on seeded weights, optionally with one bias set ({@code "bf=3.0"}). */
  private TermNorms.Network network(CellDefinition cell, String activation, Optional<String> setBias) {
    UnrolledGraph graph = new Unroller().unroll(cell, STEPS);
    Params params = new ParamsGenerator(cell).generate(SEED, Pipelines.NUMERIC_SIZES, STEPS, activation);
    if (setBias.isPresent()) {
      String[] kv = setBias.get().split("=");
      params = TermNorms.withBias(params, kv[0], Double.parseDouble(kv[1]));
    }
    Adjoints adjoints = new Adjoints(calculus);
    return new TermNorms.Network(graph, params, AdjointForm.of(adjoints.derive(graph, LossKind.LAST), adjoints));
  }

  /** Within a factor of 2 of 1. */
  private static boolean within(double ratio) {
    return ratio > 0.5 && ratio < 2;
  }

  /** A measured number as inline math in a finding: {@code $8.2 \\times 10^{-9}$}. */
  private static String number(double x) {
    return "$" + LatexWriter.number(x) + "$";
  }

  private static String fixed(double x) {
    return "$" + String.format(Locale.ROOT, "%.2f", x) + "$";
  }

  /** A value's name as inline math, in the lesson's notation: {@code $b_{f}$}. */
  private static String math(String name, Expr.Role role) {
    return "$" + new LatexWriter(Notation.LESSON).write(new Expr.Symbol(name, java.util.Optional.empty(), role)) + "$";
  }

  private static String unwrap(String math) {
    return math.substring(1, math.length() - 1);
  }
}
