package dev.unroll.cli;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.pipeline.Pipelines;
import dev.unroll.site.DiagramSvg;
import dev.unroll.site.DiagramPicture;
import dev.unroll.site.NetworkDiagram;
import dev.unroll.unroll.Unroller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code unroll lesson}: derives one lesson and writes it as Markdown and LaTeX. */
@Command(name = "lesson", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Derives the gradient of a recurrent cell's loss through N stages and writes the lesson as Markdown and LaTeX.",
      "With no options it writes the classic 3-stage lesson: dE_{t+1}/dW of a tanh RNN.",
      "Every equation is derived by the engine and checked symbolically before it is written."
    })
public final class LessonCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "3",
      description = "Number of stages to unroll, ending at t+1 (1 to 10000). Default: ${DEFAULT-VALUE}.")
  int steps;

  @picocli.CommandLine.ArgGroup(exclusive = true)
  FormChoice form;

  /** --expanded or --compact; neither means: expanded up to 8 stages, closed form above. */
  static final class FormChoice {
    @Option(names = "--expanded", description = "Write every term of the sum out (up to 100 stages).")
    boolean expanded;

    @Option(names = "--compact", description = "Write the sum in closed form with \\sum and \\prod (the default above 8 stages).")
    boolean compact;
  }

  @Option(names = "--wrt", paramLabel = "P",
      description = "Parameter to differentiate with respect to: W, U or V (or any parameter the cell declares). "
          + "Default: W for the RNN; for a gated cell the recurrent weight of the gate that keeps the memory, "
          + "Uf for the LSTM (its forget gate) and Uz for the GRU (its update gate).")
  String wrt;

  @Option(names = "--activation", paramLabel = "A",
      description = "Activation of the state: tanh, sigmoid, relu, identity, or one the cell file defines. Default: "
          + "tanh. Only for cells that leave their activation open (rnn); the LSTM and GRU fix their own.")
  String activation;

  @Option(names = "--loss", paramLabel = "L", defaultValue = "last",
      description = "last: E_{t+1}, the newest stage's loss (as the classic lesson); total: the sum of every stage's loss. Default: ${DEFAULT-VALUE}.")
  String loss;

  @Option(names = "--format", paramLabel = "F", defaultValue = "md,tex", split = ",",
      description = "Formats to write, comma-separated: md, tex, py (a Python script that computes every form of the "
          + "gradient with NumPy and exits with status 1 if one disagrees with finite differences). Default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "output",
      description = "Folder to write into (created if missing). Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--templates", paramLabel = "DIR",
      description = "Folder of templates to use instead of the built-in ones (same layout as templates/).")
  Path templates;

  @Option(names = "--cell", paramLabel = "CELL", defaultValue = "rnn",
      description = "Built-in cell name or path to a .cell definition file. Default: ${DEFAULT-VALUE}.")
  String cell;

  /** The cell, when it can be read; when not, the pipeline reports it in its own words. */
  private Optional<CellDefinition> definition() {
    try {
      return Optional.of(new CellLibrary().load(cell));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The --activation given, or the cell's own default; empty for a cell that fixes its own activations (the LSTM, the
   * GRU), where choosing one is bad input, and where the lesson's file name then names none.
   */
  private String activation(Optional<CellDefinition> definition) {
    if (activation != null && activation.isBlank()) {
      throw new UserError("--activation must name an activation, such as tanh, sigmoid, relu or identity; got an empty"
          + " name. Leave it out to use the cell's own.");
    }
    if (definition.isEmpty() || !definition.get().placeholders().isEmpty()) {
      // The cell's own default (its 'activation f = ...' line), as check uses it; tanh for a cell that cannot be read.
      String own = definition.map(d -> d.placeholders().values().iterator().next()).orElse("tanh");
      return activation == null ? own : activation;
    }
    if (activation != null) {
      throw new UserError("--activation chooses the activation of a cell that leaves it open, such as rnn; the " + cell
          + " cell fixes its own, so leave --activation out.");
    }
    return "";
  }

  /** The --wrt given, checked against the cell's parameters, or the cell's default. */
  private String parameter(Optional<CellDefinition> cellDefinition) {
    if (cellDefinition.isEmpty()) {
      return wrt == null ? "W" : wrt;
    }
    CellDefinition definition = cellDefinition.get();
    List<String> names = definition.declarations(Declaration.Kind.PARAM).stream().map(Declaration::name).toList();
    if (wrt != null) {
      if (!names.contains(wrt)) {
        throw new UserError("--wrt must be one of the " + definition.name() + " cell's parameters, " + String.join(", ", names)
            + "; got '" + wrt + "'.");
      }
      return wrt;
    }
    for (String preferred : List.of("W", "Uf", "Uz")) {
      if (names.contains(preferred)) {
        return preferred;
      }
    }
    return names.get(0);
  }

  /**
   * The files of a lesson by their path relative to the folder it is written into: its Markdown with
   * the plot and the picture the Markdown links to, its LaTeX, and its generated code as a script.
   */
  static Map<String, String> files(Lesson lesson, boolean markdown, boolean latex, boolean python) {
    LessonSpec lessonSpec = lesson.spec();
    String slug = lessonSpec.slug();
    Map<String, String> files = new LinkedHashMap<>();
    if (markdown) {
      files.put(slug + ".md", lesson.markdown());
      files.putAll(lesson.attachments()); // the plot the Markdown links to
    }
    boolean pictured = Lesson.diagramPath(lessonSpec).isPresent();
    NetworkDiagram diagram = pictured ? NetworkDiagram.of(lesson) : null;
    if (latex) {
      // The same picture as the Markdown's, drawn in LaTeX's picture environment inside the document.
      files.put(slug + ".tex", pictured
          ? DiagramPicture.inDocument(lesson.latex(), new DiagramPicture().picture(diagram)) : lesson.latex());
    }
    if (python) {
      files.put(slug + ".py", lesson.code().script("unroll lesson " + slug));
    }
    if (markdown) {
      // The picture is written where the Markdown links it, and only if it does.
      Lesson.diagramPath(lessonSpec).filter(path -> lesson.markdown().contains("](" + path + ")"))
          .ifPresent(path -> files.put(path, new DiagramSvg().svg(diagram)));
    }
    return files;
  }

  @Override
  public Integer call() {
    if (steps < 1 || steps > Unroller.MAX_STEPS) {
      throw new UserError("--steps must be between 1 and " + Unroller.MAX_STEPS + ", got " + steps + ".");
    }
    for (String f : formats) {
      if (!List.of("md", "tex", "py").contains(f.toLowerCase(Locale.ROOT))) {
        throw new UserError("--format takes md, tex and py, comma-separated; got '" + f + "'.");
      }
    }
    LessonSpec.Form chosen = form == null ? LessonSpec.Form.AUTO
        : form.expanded ? LessonSpec.Form.EXPANDED : LessonSpec.Form.COMPACT;
    Optional<CellDefinition> definition = definition();
    // An LSTM or a GRU multiplies values elementwise: its lesson is in adjoint form, with no sum of paths to write.
    if (form != null && definition.map(dev.unroll.pipeline.Pipeline::gated).orElse(false)) {
      throw new UserError((form.expanded ? "--expanded" : "--compact") + " chooses how the sum of paths is written; the "
          + cell + " lesson writes adjoint equations instead (its sum has too many paths), so leave it out.");
    }
    LessonSpec lessonSpec = new LessonSpec(cell, steps, parameter(definition), activation(definition),
        LossKind.parse(loss), chosen);
    try (OutputFolder folder = OutputFolder.checked(out)) {
      Lesson lesson = Pipelines.standard(Optional.ofNullable(templates)).lesson(lessonSpec);
      Map<String, String> files = files(lesson, formats.stream().anyMatch(f -> f.equalsIgnoreCase("md")),
          formats.stream().anyMatch(f -> f.equalsIgnoreCase("tex")), formats.stream().anyMatch(f -> f.equalsIgnoreCase("py")));
      for (Path written : folder.writeAll(files, StandardCharsets.UTF_8)) {
        spec.commandLine().getOut().println(written);
      }
      List<String> failed = lesson.checks().stream().filter(c -> !c.passed()).map(c -> c.name()).toList();
      if (!failed.isEmpty()) {
        spec.commandLine().getErr().println("unroll: the lesson was written, but its " + String.join(" and ", failed)
            + " failed; see its Checked section.");
        return Main.CHECK_FAILED;
      }
      return Main.OK;
    }
  }
}
