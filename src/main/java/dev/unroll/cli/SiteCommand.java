package dev.unroll.cli;

import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.pipeline.Pipeline;
import dev.unroll.pipeline.Pipelines;
import dev.unroll.site.SiteBuildException;
import dev.unroll.site.SiteBuilder;
import dev.unroll.site.SiteConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unroll site}: builds the static site of lessons. */
@Command(name = "site", mixinStandardHelpOptions = true,
    description = {
      "Builds a static site of lessons (HTML with KaTeX, Markdown, LaTeX, Jupyter notebooks and diagrams)",
      "for a grid of cells, activations, parameters, losses and numbers of stages. Works offline.",
      "A failed build leaves the previous site as it was."
    })
public final class SiteCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", description = "Where the site goes (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("output", "site");

  @Option(names = "--max-steps", paramLabel = "K",
      description = "Build lessons for 1..K stages (default: the site file's max-steps, 8).")
  Integer maxSteps;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A site file (title, grid, templates); keys it leaves out keep the built-in defaults.")
  Path config;

  @Spec
  CommandSpec spec;

  private final Function<LessonSpec, Lesson> lessons;

  public SiteCommand() {
    this(standardLessons());
  }

  /**
   * The pipeline the lesson command uses (Symja behind the answer cache, the symbolic cross-check on
   * every lesson). A pipeline holds a Symja session, which belongs to one thread: each building
   * thread gets its own, kept for the lessons that thread builds.
   */
  static Function<LessonSpec, Lesson> standardLessons() {
    ThreadLocal<Pipeline> pipelines = ThreadLocal.withInitial(() -> Pipelines.standard(Optional.empty()));
    return spec -> pipelines.get().lesson(spec);
  }

  /** For tests: builds with the given lessons. */
  public SiteCommand(Function<LessonSpec, Lesson> lessons) {
    this.lessons = lessons;
  }

  @Override
  public Integer call() {
    SiteConfig site = config == null ? SiteConfig.defaults() : SiteConfig.load(config);
    if (maxSteps != null) {
      if (maxSteps < 1 || maxSteps > SiteConfig.MAX_STEPS) {
        throw new UserError("--max-steps must be between 1 and " + SiteConfig.MAX_STEPS + ", got " + maxSteps + ".");
      }
      site = site.withMaxSteps(maxSteps);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    boolean terminal = System.console() != null;
    SiteBuilder.Progress progress = terminal ? new Bar(stdout) : SiteBuilder.Progress.NONE;
    List<String> failedChecks = Collections.synchronizedList(new ArrayList<>());
    Function<LessonSpec, Lesson> checked = spec -> {
      Lesson lesson = lessons.apply(spec);
      lesson.checks().stream().filter(c -> !c.passed())
          .forEach(c -> failedChecks.add(spec.slug() + " (" + c.name() + ")"));
      return lesson;
    };
    Path index;
    try {
      index = new SiteBuilder(checked, Runtime.getRuntime().availableProcessors()).build(site, out, progress);
    } catch (SiteBuildException e) {
      if (terminal) {
        stdout.println();
      }
      throw new UserError(e.getMessage(), e);
    }
    if (terminal) {
      stdout.println();
    }
    stdout.println(index);
    stdout.flush();
    if (!failedChecks.isEmpty()) {
      List<String> sorted = failedChecks.stream().sorted().toList();
      spec.commandLine().getErr().println("unroll: the site was built, but " + sorted.size()
          + (sorted.size() == 1 ? " lesson's check" : " lessons' checks") + " failed: " + String.join(", ", sorted)
          + "; see each page's Checked section.");
      return Main.CHECK_FAILED;
    }
    return Main.OK;
  }

  /** A one-line progress bar redrawn in place on a terminal. */
  private static final class Bar implements SiteBuilder.Progress {
    private static final int WIDTH = 40;
    private final PrintWriter out;

    Bar(PrintWriter out) {
      this.out = out;
    }

    @Override
    public synchronized void pageDone(int done, int total) {
      int filled = total == 0 ? WIDTH : done * WIDTH / total;
      out.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d pages", "#".repeat(filled), " ".repeat(WIDTH - filled),
          done, total));
      out.flush();
    }
  }
}
