package dev.unroll.cli;

import dev.unroll.course.ClassReport;
import dev.unroll.course.GradeFiles;
import dev.unroll.course.GradePages;
import dev.unroll.course.Grader;
import dev.unroll.course.Manifest;
import dev.unroll.course.Submission;
import dev.unroll.explore.CachedBounds;
import dev.unroll.render.TemplateRenderer;
import dev.unroll.site.KatexAssets;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unroll grade}: judges a class's derivations in one process and writes the grades. */
@Command(name = "grade", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Judges every .md, .tex and .ipynb under the paths, as 'unroll verify' would, in one process on every core, "
          + "and writes grades.csv (one row per submission, for a gradebook), report.json, and report.html (a class "
          + "overview with the most common mistakes, and a page per submission showing each wrong line beside the "
          + "right equation; offline).",
      "With --manifest (the exercises.json of 'unroll exercise') each submission is judged against its own variant "
          + "and graded per question; the student is named by a front-matter line 'student: NAME' or by the file name.",
      "Exit codes: 0 every submission judged and right, 1 some claim wrong, 2 bad input, 3 some submission could not "
          + "be judged at all. The counts are on the last line of standard output."
    })
public final class GradeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Submissions: files, or folders to search.")
  List<Path> paths;

  @Option(names = "--manifest", paramLabel = "FILE",
      description = "The exercises.json that 'unroll exercise' wrote: judge each submission against its variant.")
  Path manifest;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "output/grades",
      description = "Folder to write the report into (created if missing). Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write the grades as JUnit XML to FILE.")
  Path junit;

  @Option(names = "--title", paramLabel = "TEXT", description = "The report's title. Default: the manifest's course, "
      + "or 'Grades'.")
  String title;

  @Override
  public Integer call() throws InterruptedException {
    Optional<Manifest> m = Optional.ofNullable(manifest).map(Manifest::read);
    List<Submission> submissions = Submission.find(paths);
    if (submissions.isEmpty()) {
      throw new UserError("No .md, .tex or .ipynb file to grade under " + paths + ".");
    }
    Path junitDir = junit == null ? null : Objects.requireNonNullElse(junit.toAbsolutePath().getParent(), Path.of("."));
    if (junit != null) {
      OutputFolder.checked(junitDir).close(); // writable, and nobody writing it, before the work starts
    }
    OutputFolder.checked(out).close(); // writable, and nobody writing it, before the work starts
    Grader grader = new Grader(m, Runtime.getRuntime().availableProcessors(),
        () -> CachedBounds.ofBuiltIns(AnswerCache.standard(), ActivationBounds::new));
    try {
      grader.match(submissions);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    String heading = title != null ? title : m.map(Manifest::course).filter(c -> !c.isBlank()).orElse("Grades");
    ClassReport report = new ClassReport(heading, grader.grade(submissions));
    Map<String, byte[]> files = new TreeMap<>();
    put(files, "grades.csv", GradeFiles.csv(report));
    put(files, "report.json", GradeFiles.json(report));
    new GradePages(new TemplateRenderer(Optional.empty())).pages(report).forEach((name, html) -> put(files, name, html));
    new KatexAssets().contents().forEach((name, bytes) -> files.put("katex/" + name, bytes));
    for (String asset : List.of("site.css", "render-math.js", "sort-table.js", "grade.css")) {
      files.put("assets/" + asset, asset(asset));
    }
    try (OutputFolder folder = OutputFolder.checked(out)) {
      folder.writeAll(files);
    }
    if (junit != null) {
      try (OutputFolder folder = OutputFolder.checked(junitDir)) {
        folder.writeAll(Map.of(junit.getFileName().toString(), GradeFiles.junit(report)), StandardCharsets.UTF_8);
      }
    }
    PrintWriter printed = spec.commandLine().getOut();
    report.grades().stream().filter(g -> !g.judged())
        .forEach(g -> printed.println(g.file() + ": " + GradeFiles.status(g.status()) + ": " + g.reason()));
    printed.println("Wrote " + out.resolve("grades.csv") + " and " + out.resolve("report.html") + ".");
    printed.println(report.summary());
    return report.exitCode();
  }

  private static void put(Map<String, byte[]> files, String name, String text) {
    files.put(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] asset(String name) {
    try (InputStream in = GradeCommand.class.getResourceAsStream("/assets/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("The built-in asset " + name + " cannot be read.", e);
    }
  }
}
