package dev.unroll.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unroll.explore.CachedBounds;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
import dev.unroll.verify.Document;
import dev.unroll.verify.Directives;
import dev.unroll.verify.DocumentReader;
import dev.unroll.verify.Finding;
import dev.unroll.verify.Notation;
import dev.unroll.verify.Outcome;
import dev.unroll.verify.Report;
import dev.unroll.verify.UnreadableFileException;
import dev.unroll.verify.Verifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unroll verify FILE}: judges a hand-written derivation against the engine. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
      "Reads a derivation a person wrote (Markdown, Jupyter notebook or LaTeX) and judges each claim: the "
          + "network's equations, each derivative against the engine's derivation term by term and factor by "
          + "factor, and computable prose claims such as bounds on an activation's derivative.",
      "For the LSTM and the GRU it judges derivations in adjoint form: each dE/dv, each parameter's gradient and "
          + "each state's one-step Jacobian is evaluated on random weights at every stage it can be read at, and "
          + "a wrong one is matched against the engine's equation term by term.",
      "Findings are printed as FILE:LINE:COL: severity: message (in a notebook the message starts with the cell and "
          + "its line). An error is only ever a false mathematical claim; what cannot be read or mapped is a warning or "
          + "a note. Every formula gets one outcome: confirmed, wrong, or not judged with the reason (--format json "
          + "lists them all); the last line counts them.",
      "A file may give its own options in a comment: <!-- verify: steps=4 cell=lstm notation=lesson --> in "
          + "Markdown and notebooks, %% verify: steps=4 in LaTeX. Options on the command line win over the file's.",
      "Exit 0 when at least one claim is confirmed and none is wrong, 1 when any claim is wrong, 2 when the file "
          + "cannot be read, 3 when nothing is wrong but nothing could be judged."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The lesson to verify: .md, .ipynb or .tex.")
  private Path file;

  @Option(names = "--steps", paramLabel = "N",
      description = "Number of stages to compare with (default: the file's own verify directive, else inferred from "
          + "the terms written).")
  private Integer steps;

  @Option(names = "--notation", paramLabel = "NAME",
      description = "For the rnn cell: lesson (U, W, V, s, z, q, o, E) or cs231n (W_xh, W_hh, W_hy, h); "
          + "default: inferred.")
  private String notation;

  @Option(names = "--cell", paramLabel = "CELL",
      description = "rnn, lstm or gru: the cell the derivation is about (default: inferred from the names it uses, "
          + "c and W_f for the LSTM, r and W_z for the GRU).")
  private String cell;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (FILE:LINE:COL: severity: message), json (every formula with its outcome), sarif (SARIF "
          + "2.1.0, for GitHub code scanning and editors) or github (workflow commands that annotate the lines in a "
          + "GitHub Actions run).")
  private String format;

  @Override
  public Integer call() {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!java.util.List.of("text", "json", "sarif", "github").contains(fmt)) {
      throw new UserError("--format must be text, json, sarif or github, got '" + format + "'.");
    }
    if (steps != null && (steps < 1 || steps > 60)) {
      throw new UserError("--steps must be between 1 and 60, got " + steps + ".");
    }
    if (notation != null) {
      Notation.named(notation); // an unknown notation or cell is bad input before the file is read
    }
    Optional<String> chosenCell = Optional.ofNullable(cell).map(c -> c.toLowerCase(Locale.ROOT));
    chosenCell.ifPresent(Notation::ofCellNamed);
    PrintWriter out = spec.commandLine().getOut();
    Document document;
    Directives own;
    try {
      document = new DocumentReader().read(file);
    } catch (UnreadableFileException e) {
      throw new UserError(e.getMessage(), e);
    }
    try {
      own = Directives.of(document);
    } catch (UnreadableFileException e) {
      throw new UserError(file + ":" + e.getMessage().replaceFirst("^line ", ""), e);
    }
    // What the command line says wins over what the file says about itself.
    OptionalInt chosenSteps = steps != null ? OptionalInt.of(steps) : own.steps();
    Optional<Notation> chosen = Optional.ofNullable(notation).or(own::notation).map(Notation::named);
    Verifier verifier = new Verifier(new Verifier.Options(chosenSteps, chosen, chosenCell.or(own::cell)),
        CachedBounds.ofBuiltIns(AnswerCache.standard(), ActivationBounds::new));
    Report report = verifier.verify(file.toString(), document);
    if (fmt.equals("json")) {
      out.println(json(report));
    } else if (fmt.equals("sarif")) {
      out.println(FindingFormats.sarif(java.util.List.of(report), new Main.Version().getVersion()[0].replace("unroll ", "")));
    } else if (fmt.equals("github")) {
      out.print(FindingFormats.github(report));
      out.println(report.summary());
    } else {
      for (Finding f : report.findings()) {
        out.println(f.format(report.file()));
      }
      out.println(report.summary());
    }
    out.flush();
    return report.exitCode();
  }

  private static String json(Report report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("file", report.file());
    root.put("checked", report.checked());
    root.put("failed", report.failed());
    root.put("confirmed", report.count(Outcome.Verdict.CONFIRMED));
    root.put("wrong", report.count(Outcome.Verdict.WRONG));
    root.put("notJudged", report.count(Outcome.Verdict.NOT_JUDGED));
    root.put("exitCode", report.exitCode());
    List<Map<String, Object>> spans = new ArrayList<>();
    for (Outcome o : report.outcomes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("line", o.line());
      m.put("column", o.column());
      o.place().ifPresent(p -> m.put("cell", p));
      m.put("tex", o.tex());
      m.put("outcome", o.verdict().spelled());
      m.put("reason", o.reason());
      spans.add(m);
    }
    root.put("claims", spans);
    List<Map<String, Object>> findings = new ArrayList<>();
    for (Finding f : report.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("line", f.line());
      m.put("column", f.column());
      f.place().ifPresent(p -> m.put("cell", p));
      m.put("severity", f.severity().spelled());
      m.put("message", f.message());
      f.correction().ifPresent(c -> m.put("correction", c));
      findings.add(m);
    }
    root.put("findings", findings);
    root.put("summary", report.summary());
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A report could not be written as JSON.", e);
    }
  }
}
