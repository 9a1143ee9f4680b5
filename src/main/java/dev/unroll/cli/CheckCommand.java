package dev.unroll.cli;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellFormatException;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.numeric.AdjointForm;
import dev.unroll.numeric.CheckInput;
import dev.unroll.numeric.CheckReport;
import dev.unroll.numeric.CheckReportJson;
import dev.unroll.numeric.Diagnosis;
import dev.unroll.numeric.Discrepancy;
import dev.unroll.numeric.NumericCheck;
import dev.unroll.numeric.Params;
import dev.unroll.numeric.ParamsGenerator;
import dev.unroll.numeric.ParamsJson;
import dev.unroll.numeric.Source;
import dev.unroll.symbolic.SymjaCalculus;
import dev.unroll.expr.Expr;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.Unroller;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unroll check}: every gradient source against automatic differentiation on the same weights. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Computes the gradient of the loss with respect to every parameter by the backward pass, the engine's derived sum "
          + "(for a gated cell such as lstm or gru also its adjoint form, which stays linear in N) "
          + "and finite differences, and compares each with forward-mode automatic differentiation.",
      "Prints, per parameter, the normwise relative error of each source; exits 1 if any exceeds what is allowed "
          + "(1e-12, finite differences 1e-6)."})
public final class CheckCommand implements Callable<Integer> {
  /** The derivation's recursion is as deep as the graph is long; the check runs on a thread with room for it. */
  private static final long STACK_BYTES = 1L << 29;

  @Spec
  private CommandSpec spec;

  @Option(names = "--params", paramLabel = "FILE.json", description = "Weights, initial state, inputs and targets (the format --json echoes under \"params\").")
  private Path paramsFile;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the random params (default 1).")
  private Long seed;

  @Option(names = "--hidden", paramLabel = "H", description = "Hidden units (default 4).")
  private Integer hidden;

  @Option(names = "--inputs", paramLabel = "D", description = "Input size (default 3).")
  private Integer inputs;

  @Option(names = "--outputs", paramLabel = "K", description = "Output classes (default 3).")
  private Integer outputs;

  @Option(names = "--steps", paramLabel = "N", description = "Stages (default 5).")
  private Integer steps;

  @Option(names = "--activation", paramLabel = "A", description = "tanh, sigmoid, relu or identity (default: the params file's, else the cell's).")
  private String activation;

  @Option(names = "--loss", paramLabel = "last|total", defaultValue = "last", description = "E_{t+1} or the sum of every stage's loss (default last).")
  private String loss;

  @Option(names = "--cell", paramLabel = "CELL", defaultValue = "rnn", description = "A built-in cell or a .cell file (default rnn).")
  private String cellName;

  @Option(names = "--sample", paramLabel = "M", defaultValue = "0",
      description = "Entries per parameter for automatic differentiation and finite differences; 0 chooses by cost (all when cheap).")
  private int sample;

  @Option(names = "--json", description = "Print one JSON document: loss, gradients, agreement, params.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    Object[] result = new Object[1];
    Thread worker = new Thread(null, () -> {
      try {
        result[0] = check();
      } catch (RuntimeException | Error e) {
        result[0] = e;
      }
    }, "unroll-check", STACK_BYTES);
    worker.start();
    worker.join();
    if (result[0] instanceof RuntimeException e) {
      throw e;
    }
    if (result[0] instanceof Error e) {
      throw e;
    }
    return (Integer) result[0];
  }

  private int check() {
    LossKind kind = LossKind.parse(loss);
    CellDefinition cell;
    try {
      cell = new CellLibrary().load(cellName);
    } catch (CellFormatException e) {
      throw new UserError("Cannot read the cell: " + e.getMessage(), e);
    }
    Params params = params(cell);
    if (!params.activation().isEmpty()) {
      cell = cell.withPlaceholder(cell.placeholders().keySet().iterator().next(), params.activation());
    }
    UnrolledGraph graph = new Unroller().unroll(cell, params.steps());
    List<Derivation> derivations = new ArrayList<>();
    String derivedSkipped = null;
    try {
      for (Declaration d : cell.declarations(Declaration.Kind.PARAM)) {
        derivations.add(new Differentiator().derive(graph, d.name(), kind));
      }
    } catch (IllegalArgumentException tooLarge) {
      derivations.clear();
      derivedSkipped = tooLarge.getMessage();
    }
    CheckInput input = CheckInput.of(graph, params, kind, derivations).withSample(sample, seed == null ? 1 : seed);
    String formsSkipped = null;
    if (!derivations.isEmpty()) {
      long work = formsWork(derivations, params);
      if (work <= FORMS_BUDGET) {
        Forms forms = new Forms(new SymjaCalculus(cell.activations()));
        Map<String, Expr> concrete = new LinkedHashMap<>();
        Map<String, Expr> matrix = new LinkedHashMap<>();
        for (Derivation d : derivations) {
          concrete.put(d.parameterName(), forms.concreteSum(d));
          matrix.put(d.parameterName(), forms.matrixSum(d));
        }
        input = input.withForms(concrete, matrix);
      } else {
        formsSkipped = String.format(Locale.ROOT, "the written-out sums would cost about %.1e operations (limit %.0e); "
            + "the derived sum was evaluated from the same terms instead.", (double) work, (double) FORMS_BUDGET);
      }
    }
    if (gated(graph)) {
      // The expanded sum of a gated cell grows exponentially with N; its adjoint equations stay linear.
      Adjoints adjoints = new Adjoints(new SymjaCalculus(cell.activations()));
      input = input.withAdjointForm(AdjointForm.of(adjoints.derive(graph, kind), adjoints));
    }
    CheckReport report = new NumericCheck().run(input);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new CheckReportJson().write(report, new ParamsJson(cell).write(params)).toString());
    } else {
      text(report, derivedSkipped, formsSkipped, out);
    }
    out.flush();
    return report.passed() ? Main.OK : Main.CHECK_FAILED;
  }

  /** A cell with an elementwise product between values (an LSTM's or a GRU's gates). */
  static boolean gated(UnrolledGraph graph) {
    return graph.nodes().stream().anyMatch(n -> n.op() == Op.HADAMARD);
  }

  private Params params(CellDefinition cell) {
    if (paramsFile != null) {
      if (seed != null || hidden != null || inputs != null || outputs != null || steps != null) {
        throw new UserError("--params cannot be combined with --seed, --hidden, --inputs, --outputs or --steps: the file fixes them.");
      }
      String text;
      try {
        text = dev.unroll.files.TextFiles.read(paramsFile, "the params file " + paramsFile);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage() + " --params needs a JSON file.", e);
      }
      Params p = new ParamsJson(cell).read(paramsFile.toString(), text);
      if (activation != null && !activation.equals(p.activation())) {
        throw new UserError("--activation " + activation + " contradicts the params file's \"activation\": \"" + p.activation() + "\".");
      }
      return p;
    }
    for (Declaration d : cell.declarations()) {
      for (String letter : d.shape()) {
        if (!List.of("H", "D", "K").contains(letter)) {
          throw new UserError("The cell '" + cell.name() + "' sizes '" + d.name() + "' with " + letter
              + ", but --hidden, --inputs and --outputs set only H, D and K; give the values in a --params file.");
        }
      }
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("H", positive("--hidden", hidden, 4));
    sizes.put("D", positive("--inputs", inputs, 3));
    sizes.put("K", positive("--outputs", outputs, 3));
    int n = steps == null ? 5 : steps;
    if (n < 1 || n > Unroller.MAX_STEPS) {
      throw new UserError("--steps must be between 1 and " + Unroller.MAX_STEPS + ", got " + n + ".");
    }
    MemoryBudget.check(cell, sizes, n);
    if (activation != null && cell.placeholders().isEmpty()) {
      throw new UserError("--activation chooses the activation of a cell that leaves it open, such as rnn; the "
          + cell.name() + " cell fixes its own, so leave --activation out.");
    }
    if (activation != null && !cell.activations().containsKey(activation)) {
      throw new UserError("--activation must be one of " + String.join(", ", cell.activations().keySet()) + ", got '" + activation + "'.");
    }
    return new ParamsGenerator(cell).generate(seed == null ? 1 : seed, sizes, n, activation == null ? "" : activation);
  }

  private static int positive(String option, Integer value, int fallback) {
    int v = value == null ? fallback : value;
    if (v < 1 || v > 100_000) {
      throw new UserError(option + " must be between 1 and 100000, got " + v + ".");
    }
    return v;
  }

  /**
   * The concrete and matrix forms are evaluated term by term (no shared prefixes), so their cost is
   * about (factors in all terms) x H^2; above {@link #FORMS_BUDGET} only the derived sum is evaluated.
   */
  static long formsWork(List<Derivation> derivations, Params params) {
    long factors = derivations.stream().flatMap(d -> d.terms().stream()).mapToLong(t -> t.chain().length() + 1L).sum();
    long h = params.weights().values().stream().mapToLong(m -> Math.max(m.getRowDimension(), m.getColumnDimension())).max().orElse(1);
    return factors * h * h;
  }

  /** Operations the written-out forms may cost. */
  static final long FORMS_BUDGET = 200_000_000L;

  private void text(CheckReport r, String derivedSkipped, String formsSkipped, PrintWriter out) {
    List<String> sizes = new ArrayList<>();
    r.sizes().forEach((k, v) -> sizes.add(k + " = " + v));
    out.printf(Locale.ROOT, "unroll check: cell %s, activation %s, %s loss, %s, N = %d, params %s%n", r.cell(),
        r.activation().isEmpty() ? "(none)" : r.activation(), r.loss().spelled(), String.join(", ", sizes), r.steps(),
        paramsFile != null ? "from " + paramsFile : "from seed " + (seed == null ? 1 : seed));
    out.printf(Locale.ROOT, "loss: %s%n", r.lossValue());
    out.printf(Locale.ROOT, "reference: automatic differentiation (forward mode) on %s%n", r.entries());
    out.println("relative error against the reference, normwise per parameter: ||g - g_ref|| / max(||g||, ||g_ref||)");
    out.println();
    List<Source> shown = r.sources().stream().filter(s -> s != Source.AUTOMATIC_DIFFERENTIATION).toList();
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-10s", "parameter"));
    shown.forEach(s -> header.append(String.format(Locale.ROOT, "  %-18s", s.label())));
    out.println(header.toString().stripTrailing());
    for (String p : r.parameters()) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10s", p));
      for (Source s : shown) {
        var e = r.worst(s, p);
        row.append(String.format(Locale.ROOT, "  %-18s", e.isPresent() ? String.format(Locale.ROOT, "%.1e", e.getAsDouble()) : "-"));
      }
      out.println(row.toString().stripTrailing());
    }
    StringBuilder tol = new StringBuilder(String.format(Locale.ROOT, "%-10s", "allowed"));
    shown.forEach(s -> tol.append(String.format(Locale.ROOT, "  %-18s", String.format(Locale.ROOT, "%.1e", r.comparisons().stream()
        .filter(c -> c.source() == s).mapToDouble(c -> s.tolerance() + c.relativeFloor()).max().orElse(s.tolerance())))));
    out.println(tol.toString().stripTrailing());
    out.println();
    out.printf(Locale.ROOT, "allowed: the largest over parameters of %.0e plus the floor / max(||g||, ||g_ref||); the floor is how far the"
        + " gradient moves when every weight moves by %.0f rounding errors, times %.0f (finite differences: plus twice their own"
        + " Richardson error estimate).%n", Source.EXACT, dev.unroll.numeric.Floors.ULPS, dev.unroll.numeric.Floors.SAFETY);
    r.notes().forEach(n -> out.println("note: " + n));
    if (derivedSkipped != null) {
      out.println("derived sum: not evaluated: " + derivedSkipped);
    }
    if (formsSkipped != null) {
      out.println("concrete and matrix forms: not evaluated: " + formsSkipped);
    }
    r.skipped().forEach((s, why) -> {
      if (s != Source.DERIVED_SUM || derivedSkipped == null) {
        out.println(s.label() + ": not evaluated: " + why);
      }
    });
    if (r.passed()) {
      out.println("passed: every source agrees with automatic differentiation within what is allowed.");
      return;
    }
    for (Discrepancy d : r.failures()) {
      out.printf(Locale.ROOT, "FAILED: %s of d/d%s: relative error %.1e > %.1e allowed; furthest at %s[%d][%d]: %s vs %s (automatic differentiation).%n",
          d.source().label(), d.parameter(), d.relativeError(), d.source().tolerance() + d.relativeFloor(), d.parameter(), d.worst().row(), d.worst().col(),
          d.value(), d.reference());
    }
    for (Diagnosis d : r.diagnoses()) {
      out.println("  " + d.describe());
    }
  }
}
