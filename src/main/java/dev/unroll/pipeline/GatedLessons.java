package dev.unroll.pipeline;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.derive.StatePaths;
import dev.unroll.expr.Expr;
import dev.unroll.explore.LogPlot;
import dev.unroll.expr.Time;
import dev.unroll.numeric.AdjointForm;
import dev.unroll.numeric.CheckInput;
import dev.unroll.numeric.CheckReport;
import dev.unroll.numeric.NumericCheck;
import dev.unroll.numeric.Params;
import dev.unroll.numeric.ParamsGenerator;
import dev.unroll.render.GatedLessonView;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.LessonView;
import dev.unroll.render.Notation;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The lesson of a gated cell: unroll, derive the adjoint equations ({@link Adjoints}), follow the
 * memory state's own path ({@link StatePaths}), check the adjoint form numerically, measure term
 * norms against the plain RNN ({@link GradientMeasure}) and plot them, and build the view. Nothing here names a
 * cell: the memory state is found in the graph as the state updated by a named gate times its own
 * previous value ({@code c_t = f_t \odot c_{t-1} + ...}).
 */
final class GatedLessons {
  private final CellLibrary cells;
  private final LocalCalculus calculus;
  private final List<Pipeline.GatedCheck> checks;

  GatedLessons(CellLibrary cells, LocalCalculus calculus) {
    this(cells, calculus, List.of());
  }

  /** @param checks the checks run besides the numeric one (the symbolic cross-check, in production) */
  GatedLessons(CellLibrary cells, LocalCalculus calculus, List<Pipeline.GatedCheck> checks) {
    this.cells = cells;
    this.calculus = calculus;
    this.checks = List.copyOf(checks);
  }

  /**
   * The expanded sum's size for the chosen gradient over the lesson's stages and over the measured
   * section's {@link GradientMeasure#STEPS}, counted by the engine without expanding it.
   */
  private GatedLessonView.PathCountView pathCounts(CellDefinition cell, LessonSpec spec, BigInteger here) {
    if (spec.steps() >= GradientMeasure.STEPS) {
      return new GatedLessonView.PathCountView(count(here), 0, "");
    }
    Adjoints adjoints = new Adjoints(calculus);
    UnrolledGraph far = new Unroller().unroll(cell, GradientMeasure.STEPS);
    return new GatedLessonView.PathCountView(count(here), GradientMeasure.STEPS,
        count(adjoints.derive(far, spec.loss()).pathCount(spec.wrt())));
  }

  /** A count as TeX: exact below a million, else three significant digits times a power of ten. */
  private static String count(BigInteger n) {
    if (n.compareTo(BigInteger.valueOf(1_000_000)) < 0) {
      return n.toString();
    }
    java.math.BigDecimal d = new java.math.BigDecimal(n).round(new java.math.MathContext(3));
    int exponent = d.precision() - d.scale() - 1;
    String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
    return mantissa + " \\times 10^{" + exponent + "}";
  }

  /** Whether a cell is gated: some gate multiplies two values elementwise. */
  static boolean gated(CellDefinition cell) {
    return new Unroller().unroll(cell, 1).nodes().stream().anyMatch(n -> n.op() == Op.HADAMARD);
  }

  /**
   * A gated cell's lesson view, the same view for a printed page (long displays broken into rows), and
   * the files its Markdown links to (the plot of the measured norms).
   */
  record Told(GatedLessonView view, GatedLessonView printed, Map<String, String> attachments) {}

  Told lesson(LessonSpec spec, CellDefinition cell) {
    // The plot's first drawing waits about a fifth of a second for Java2D to start: start it beside the measurement.
    CompletableFuture<Void> drawing = CompletableFuture.runAsync(LogPlot::warmUp);
    UnrolledGraph graph = new Unroller().unroll(cell, spec.steps());
    Adjoints adjoints = new Adjoints(calculus);
    AdjointSystem s = adjoints.derive(graph, spec.loss());
    Node param = graph.param(spec.wrt());
    Expr gradientLhs = new Expr.Partial(s.lossSymbol(), param.label());
    Expr gradient = adjoints.gradientSeries(s, spec.wrt()).orElseGet(() -> adjoints.gradient(s, spec.wrt()));
    Optional<Memory> memory = memory(graph);
    AdjointForm form = AdjointForm.of(s, adjoints);
    GradientMeasure.Measured measured = new GradientMeasure(cells, calculus).measure(cell, memory.map(Memory::gate),
        memory.map(Memory::state), memory.map(Memory::bias), spec.slug() + "-norms.svg");
    CompletableFuture<Map<String, String>> plot = drawing.thenApplyAsync(ready -> measured.plot().attachment());
    List<LessonView.CheckView> checks = new ArrayList<>(List.of(numericCheck(graph, spec.loss(), form)));
    this.checks.forEach(c -> checks.add(c.run(spec, s, adjoints)));
    java.util.function.Function<LatexWriter, GatedLessonView> told = tex -> new GatedLessonView(true, cell.title(), cell.name(), cell.title(), spec.steps(), spec.wrt(), tex.write(param.label()),
        String.join(", ", cell.declarations(dev.unroll.cell.Declaration.Kind.PARAM).stream().map(d -> d.name()).toList()),
        spec.loss().spelled(), tex.write(s.lossSymbol()), tex.write(gradientLhs), equations(tex, graph),
        spec.steps() >= 2 ? stage(tex, s, adjoints, Time.t(0), true) : "",
        stage(tex, s, adjoints, Time.t(1), false),
        tex.equation(gradientLhs, gradient),
        pathCounts(cell, spec, s.pathCount(spec.wrt())),
        memory.map(m -> memoryView(tex, s, adjoints, m)).orElse(new GatedLessonView.MemoryView(false, "", "", "", "", "", "")),
        measured.view(),
        checks,
        this.checks.isEmpty() ? "No symbolic check was run for this page: only the numeric check above compared the "
            + "engine's adjoint equations with the backward pass, automatic differentiation and finite differences." : "",
        Lesson.diagramPath(spec).orElse(""));
    return new Told(told.apply(new LatexWriter(Notation.LESSON)), told.apply(LatexWriter.printed(Notation.LESSON)),
        plot.join());
  }

  private static String equations(LatexWriter tex, UnrolledGraph graph) {
    List<Expr> lhs = new ArrayList<>();
    List<Expr> rhs = new ArrayList<>();
    graph.equations().forEach(e -> {
      lhs.add(e.target());
      rhs.add(e.definition());
    });
    return tex.aligned(lhs, rhs);
  }

  /** The adjoint equations of one stage, elementwise; at t they are written at a general stage k. */
  private static String stage(LatexWriter tex, AdjointSystem s, Adjoints adjoints, Time stage, boolean general) {
    List<Expr> lhs = new ArrayList<>();
    List<Expr> rhs = new ArrayList<>();
    for (AdjointSystem.Adjoint a : s.at(stage)) {
      Expr l = adjoints.lhs(s, a.variable());
      Expr r = adjoints.elementwise(adjoints.rhs(s, a));
      lhs.add(general ? Adjoints.retime(s, l, stage, Recurrence.K) : l);
      rhs.add(general ? Adjoints.retime(s, r, stage, Recurrence.K) : r);
    }
    return tex.aligned(lhs, rhs);
  }

  /** The state updated as {@code gate_t \odot state_{t-1} + ...}, the gate, and the gate's bias. */
  record Memory(String state, String gate, String bias) {}

  static Optional<Memory> memory(UnrolledGraph graph) {
    Time newest = graph.last();
    for (Node n : graph.nodes()) {
      if (n.op() != Op.HADAMARD || !n.stage().equals(Optional.of(newest))) {
        continue;
      }
      for (int side = 0; side < 2; side++) {
        Node gate = n.input(side);
        Node previous = n.input(1 - side);
        Optional<String> state = previous.name().filter(x -> x.role() == Expr.Role.STATE).map(Expr.Symbol::name);
        if (state.isEmpty() || gate.op() != Op.ACTIVATION || gate.name().isEmpty()) {
          continue;
        }
        Optional<Node> updated = graph.node(state.get(), newest);
        if (updated.isEmpty() || !feeds(n, updated.get())) {
          continue;
        }
        Optional<String> bias = bias(gate.input(0));
        if (bias.isPresent()) {
          return Optional.of(new Memory(state.get(), gate.name().get().name(), bias.get()));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code n} reaches {@code target} through additions only. */
  private static boolean feeds(Node n, Node target) {
    if (target.equals(n)) {
      return true;
    }
    return target.op() == Op.ADD && target.inputs().stream().anyMatch(i -> feeds(n, i));
  }

  /** The parameter added directly (not through a matrix product) into a gate's pre-activation. */
  private static Optional<String> bias(Node sum) {
    if (sum.op() == Op.PARAM) {
      return sum.name().map(Expr.Symbol::name);
    }
    if (sum.op() != Op.ADD) {
      return Optional.empty();
    }
    for (Node i : sum.inputs()) {
      Optional<String> b = bias(i);
      if (b.isPresent()) {
        return b;
      }
    }
    return Optional.empty();
  }

  private GatedLessonView.MemoryView memoryView(LatexWriter tex, AdjointSystem s, Adjoints adjoints, Memory m) {
    UnrolledGraph graph = s.graph();
    Node newest = graph.node(m.state(), graph.last()).orElseThrow();
    Expr stateTex = timeless(newest.label());
    Expr gateTex = timeless(graph.node(m.gate(), graph.last()).orElseThrow().label());
    if (graph.steps() < 2) {
      return new GatedLessonView.MemoryView(true, tex.write(stateTex), tex.write(gateTex), "", "", "", "");
    }
    StatePaths paths = new StatePaths(calculus);
    Time t = Time.t(0);
    Node atT = graph.node(m.state(), t).orElseThrow();
    Expr lhs = Adjoints.retime(s, adjoints.lhs(s, atT), t, Recurrence.K);
    String along = "";
    Optional<Expr> series = paths.alongSeries(s, m.state(), t);
    if (series.isPresent() && series.get() instanceof Expr.Product p && p.factors().get(0) instanceof Expr.Series ser) {
      List<Expr> f = new ArrayList<>(p.factors());
      f.set(0, new Expr.Series(ser.kind(), ser.index(), Recurrence.K.plus(1), ser.to(), ser.descending(), ser.style(), ser.body()));
      along = tex.equation(lhs, Expr.juxtapose(f));
    }
    AdjointSystem.Adjoint a = s.adjoint(atT).orElseThrow();
    String full = tex.equation(lhs, Adjoints.retime(s, adjoints.elementwise(adjoints.rhs(s, a)), t, Recurrence.K));
    Expr stepLhs = Adjoints.retime(s, new Expr.Transpose(new Expr.Partial(atT.label(),
        graph.node(m.state(), Time.t(-1)).orElseThrow().label())), t, Recurrence.K);
    String step = tex.equation(stepLhs, Adjoints.retime(s, paths.step(graph, m.state(), t, StatePaths.Family.ALL_ROUTES), t, Recurrence.K));
    String own = tex.equation(stepLhs, Adjoints.retime(s, paths.step(graph, m.state(), t, StatePaths.Family.OWN_CHAIN), t, Recurrence.K));
    return new GatedLessonView.MemoryView(true, tex.write(stateTex), tex.write(gateTex), along, full, step, own);
  }

  /** A value's name without its stage: {@code c} for {@code c_{t+1}}. */
  private static Expr timeless(Expr label) {
    return label instanceof Expr.Symbol sym ? new Expr.Symbol(sym.name(), Optional.empty(), sym.role()) : label;
  }

  /** Backward pass, automatic differentiation and finite differences against the adjoint form, on seeded weights. */
  static LessonView.CheckView numericCheck(UnrolledGraph graph, LossKind loss, AdjointForm form) {
    Params params = new ParamsGenerator(graph.cell()).generate(1, Pipelines.NUMERIC_SIZES, graph.steps(), "");
    CheckReport report = new NumericCheck().run(CheckInput.of(graph, params, loss, List.of()).withAdjointForm(form));
    return CheckedWords.numeric(report);
  }
}
