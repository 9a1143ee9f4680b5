package dev.unroll.cli;

import dev.unroll.cell.Activation;
import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.explore.CachedBounds;
import dev.unroll.explore.Decay;
import dev.unroll.explore.DecayExperiment;
import dev.unroll.explore.DecayPlot;
import dev.unroll.explore.DecayTable;
import dev.unroll.explore.Setting;
import dev.unroll.pipeline.Pipelines;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
import dev.unroll.symbolic.CachedCalculus;
import dev.unroll.symbolic.SymjaCalculus;
import dev.unroll.symbolic.SymjaSession;
import dev.unroll.unroll.Unroller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unroll explore}: measures how the terms of dE/dW decay, writes a table and a plot. */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Measures how the terms of the derived gradient dE_{t+1}/dW of the simple recurrent network shrink or grow "
          + "with how far back they reach, and writes a table (Markdown; LaTeX and CSV on request) and an SVG plot of them.",
      "gamma = max |f'| of the activation comes from Symja. On seeded random weights, W is scaled to each chosen "
          + "largest singular value sigma; the spectral norm of the product of j Jacobians "
          + "that a term reaching j stages back carries is compared with the bound (gamma sigma)^j, and the whole gradient's norm with gradient-norm clipping.",
      "Example: ./unroll explore --activation sigmoid --sigma 0.5/gamma --sigma 4 --steps 50"
    })
public final class ExploreCommand implements Callable<Integer> {
  /** The most stages the command measures: each is a small matrix product, but the table has a row per stage. */
  public static final int MAX_STEPS = 1000;

  @Spec
  CommandSpec spec;

  @Option(names = "--activation", paramLabel = "A", defaultValue = "tanh",
      description = "Activation of the state: tanh, sigmoid or identity (Symja must find max |f'|; it cannot for relu). "
          + "Default: ${DEFAULT-VALUE}.")
  String activation;

  @Option(names = "--sigma", paramLabel = "S", arity = "1..*",
      description = "Largest singular value(s) to scale W to: a number (2) or a multiple of 1/gamma (0.5/gamma). "
          + "Repeatable. Default: 0.5/gamma 1/gamma 1.5/gamma.")
  List<String> sigmas;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "30",
      description = "Number of stages, hence of terms, to measure (1 to " + MAX_STEPS + "). Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the random weights, inputs and targets. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--threshold", paramLabel = "C", defaultValue = "0.1",
      description = "Gradient-norm clipping threshold. Default: ${DEFAULT-VALUE}.")
  double threshold;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "output",
      description = "Folder to write decay-A.md (.tex, .csv) and decay-A.svg into (created if missing). Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--format", paramLabel = "F", defaultValue = "md", split = ",",
      description = "Tables to write, comma-separated: md (numbers as 1.23 × 10⁻⁵), tex (a LaTeX document, "
          + "numbers as $1.23 \\times 10^{-5}$), csv (every number exact, for a script). Default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Override
  public Integer call() {
    for (String f : formats) {
      if (!List.of("md", "tex", "csv").contains(f.toLowerCase(java.util.Locale.ROOT))) {
        throw new UserError("--format takes md, tex and csv, comma-separated; got '" + f + "'.");
      }
    }
    if (steps < 1 || steps > MAX_STEPS) {
      throw new UserError("--steps must be between 1 and " + MAX_STEPS + ", got " + steps + ".");
    }
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new UserError("--threshold must be a positive number, got " + threshold + ".");
    }
    List<Setting> settings = new ArrayList<>();
    if (sigmas == null || sigmas.isEmpty()) {
      settings.addAll(Setting.DEFAULTS);
    } else {
      for (String s : sigmas) {
        try {
          settings.add(Setting.parse(s));
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      }
    }
    CellDefinition base = new CellLibrary().load("rnn");
    String placeholder = base.placeholders().keySet().iterator().next();
    CellDefinition cell = base.withPlaceholder(placeholder, activation);
    Activation a = cell.activations().get(activation);
    try (OutputFolder folder = OutputFolder.checked(out)) {
      AnswerCache cache = AnswerCache.standard();
      ActivationBounds.Bound bound = new CachedBounds(cache, ActivationBounds::new).maxAbsDerivative(a)
          .orElseThrow(() -> new UserError("Symja could not find the largest |f'| of " + activation + " ("
              + a.definition() + "), so there is no gamma to bound the terms by; choose tanh, sigmoid or identity."));
      SymjaCalculus[] symja = new SymjaCalculus[1];
      Forms forms = new Forms(new CachedCalculus(cache, cell.activations(), () -> {
        symja[0] = new SymjaCalculus(new SymjaSession(), cell.activations());
        return symja[0];
      }));
      Recurrence r = forms.recurrence(new Differentiator().derive(new Unroller().unroll(cell, 3), "W", LossKind.LAST))
          .orElseThrow(() -> new IllegalStateException("The terms of dE/dW of the RNN formed no recurrence."));
      Decay decay = new DecayExperiment(cell, r, Pipelines.NUMERIC_SIZES)
          .run(activation, bound.value(), settings, steps, seed, threshold);
      Map<String, String> files = new LinkedHashMap<>();
      java.util.Set<String> wanted = new java.util.HashSet<>();
      formats.forEach(f -> wanted.add(f.toLowerCase(java.util.Locale.ROOT)));
      if (wanted.contains("md")) {
        files.put("decay-" + activation + ".md", DecayTable.markdown(decay) + "\n![The terms against the bound](decay-"
            + activation + ".svg)\n");
      }
      if (wanted.contains("tex")) {
        files.put("decay-" + activation + ".tex", DecayTable.latex(decay));
      }
      if (wanted.contains("csv")) {
        files.put("decay-" + activation + ".csv", DecayTable.csv(decay));
      }
      files.put("decay-" + activation + ".svg", DecayPlot.svg(decay));
      for (Path written : folder.writeAll(files, StandardCharsets.UTF_8)) {
        spec.commandLine().getOut().println(written);
      }
      boolean under = decay.runs().stream().flatMap(run -> run.terms().stream())
          .allMatch(Decay.TermNorm::under);
      if (!under) {
        spec.commandLine().getErr().println("unroll: a measured product of Jacobians lies above its bound; see the table.");
        return Main.CHECK_FAILED;
      }
      return Main.OK;
    }
  }
}
