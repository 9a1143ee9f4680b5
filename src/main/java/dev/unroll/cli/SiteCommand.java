package dev.unroll.cli;

import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.pipeline.Pipeline;
import dev.unroll.pipeline.Pipelines;
import dev.unroll.site.LessonPdf;
import dev.unroll.site.SiteBuildException;
import dev.unroll.site.SiteBuilder;
import dev.unroll.site.SiteConfig;
import dev.unroll.site.SiteServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unroll site}: builds the static site of lessons, and with {@code --serve} serves it. */
@Command(name = "site", mixinStandardHelpOptions = true,
    description = {
      "Builds a static site of lessons (HTML with KaTeX, search, Markdown, LaTeX, PDF, Jupyter notebooks and",
      "diagrams) for a grid of cells, activations, parameters, losses and numbers of stages. Works offline and",
      "from any folder or sub-path. A failed build leaves the previous site as it was. Progress goes to stderr."
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

  @Option(names = "--quiet", description = "Say nothing on stderr but errors: no progress, no summary.")
  boolean quiet;

  @Option(names = "--no-pdf", description = "Leave out the PDFs even when pdflatex is installed.")
  boolean noPdf;

  @Option(names = "--serve", description = {"After building, serve the site on http://127.0.0.1:PORT/ (this computer",
      "only) and rebuild it when the site file, its templates or its .cell files change; Ctrl-C stops."})
  boolean serve;

  @Option(names = "--port", paramLabel = "P", description = "The port --serve listens on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 8000;

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
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be between 0 and 65535, got " + port + ".");
    }
    if (!serve && spec.commandLine().getParseResult().hasMatchedOption("--port")) {
      throw new UserError("--port goes with --serve; add --serve to serve the site.");
    }
    SiteConfig site = siteConfig();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    BuildProgress progress = new BuildProgress(quiet ? new PrintWriter(new StringWriter()) : stderr, System::nanoTime);
    // The PDFs are kept beside Symja's answers: a rebuild compiles only the lessons that changed.
    Optional<LessonPdf> pdf = noPdf ? Optional.empty()
        : LessonPdf.find(dev.unroll.symbolic.AnswerCache.standard().folder().map(d -> d.resolve("pdf")));
    if (!noPdf && pdf.isEmpty()) {
      progress.say("unroll: pdflatex is not installed, so the site has no PDFs (Debian: apt-get install texlive-latex-base"
          + " texlive-latex-extra texlive-pictures); pages link the .tex instead.");
    }
    // Lessons are remembered by their spec and their cell file's bytes: a served site that rebuilds
    // derives again only the lessons whose cell changed; pages are re-rendered from them.
    Map<String, Lesson> known = new ConcurrentHashMap<>();
    List<String> failedChecks = Collections.synchronizedList(new ArrayList<>());
    Function<LessonSpec, Lesson> checked = spec -> known.computeIfAbsent(identity(spec), k -> {
      Lesson lesson = lessons.apply(spec);
      lesson.checks().stream().filter(c -> !c.passed())
          .forEach(c -> failedChecks.add(spec.slug() + " (" + c.name() + ")"));
      return lesson;
    });
    // Each lesson's files are kept there too: a rebuild makes only the lessons whose inputs changed.
    SiteBuilder builder = new SiteBuilder(checked, Runtime.getRuntime().availableProcessors(), pdf,
        dev.unroll.symbolic.AnswerCache.standard().folder().map(d -> d.resolve("pages")));
    int lessonsBuilt = build(builder, site, progress);
    progress.say("unroll: built " + lessonsBuilt + (lessonsBuilt == 1 ? " lesson" : " lessons")
        + (pdf.isPresent() ? " with PDFs" : "") + " in " + progress.elapsed() + " into " + out.toAbsolutePath().normalize());
    stdout.println(out.toAbsolutePath().normalize().resolve("index.html"));
    stdout.flush();
    if (!failedChecks.isEmpty()) {
      List<String> sorted = failedChecks.stream().distinct().sorted().toList();
      stderr.println("unroll: the site was built, but " + sorted.size()
          + (sorted.size() == 1 ? " lesson's check" : " lessons' checks") + " failed: " + String.join(", ", sorted)
          + "; see each page's Checked section.");
      if (!serve) {
        return Main.CHECK_FAILED;
      }
    }
    return serve ? serve(builder, site, stdout, stderr) : Main.OK;
  }

  private SiteConfig siteConfig() {
    SiteConfig site = config == null ? SiteConfig.defaults() : SiteConfig.load(config);
    if (maxSteps != null) {
      if (maxSteps < 1 || maxSteps > SiteConfig.MAX_STEPS) {
        throw new UserError("--max-steps must be between 1 and " + SiteConfig.MAX_STEPS + ", got " + maxSteps + ".");
      }
      site = site.withMaxSteps(maxSteps);
    }
    return site;
  }

  private int build(SiteBuilder builder, SiteConfig site, BuildProgress progress) {
    try {
      builder.build(site, out, progress);
    } catch (SiteBuildException e) {
      throw new UserError(e.getMessage(), e);
    }
    return progress.pages();
  }

  private static String identity(LessonSpec spec) {
    return spec + (spec.cell().endsWith(".cell") ? " " + SiteWatch.hash(Path.of(spec.cell())) : "");
  }

  /** Serves the site until interrupted, rebuilding it when one of its input files changes. */
  private int serve(SiteBuilder builder, SiteConfig first, PrintWriter stdout, PrintWriter stderr) {
    SiteWatch watch = new SiteWatch(Optional.ofNullable(config), first);
    try (SiteServer server = SiteServer.start(out, port)) {
      Thread hook = new Thread(server::close, "unroll-site-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      stdout.println("Serving " + out.toAbsolutePath().normalize() + " at " + server.uri() + " (Ctrl-C stops).");
      stdout.flush();
      SiteConfig site = first;
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(500);
          SiteConfig next;
          try {
            next = siteConfig();
          } catch (IllegalArgumentException | UserError e) {
            if (!watch.changed(site).isEmpty()) {
              stderr.println("unroll: not rebuilt: " + e.getMessage());
              stderr.flush();
            }
            continue;
          }
          List<String> changed = watch.changed(next);
          if (changed.isEmpty()) {
            continue;
          }
          site = next;
          BuildProgress progress = new BuildProgress(quiet ? new PrintWriter(new StringWriter()) : stderr, System::nanoTime);
          try {
            builder.build(site, out, progress);
            stderr.println("unroll: rebuilt after a change to " + String.join(", ", changed) + " in " + progress.elapsed() + ".");
          } catch (SiteBuildException | IllegalArgumentException e) {
            stderr.println("unroll: not rebuilt, the served site is unchanged: " + e.getMessage());
          }
          stderr.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is already shutting down; the hook closes the server.
        }
      }
    } catch (IOException e) {
      throw new UserError("Cannot serve on 127.0.0.1:" + port + ": " + e.getMessage()
          + "; choose another port with --port P (0 picks a free one).", e);
    }
    return Main.OK;
  }
}
