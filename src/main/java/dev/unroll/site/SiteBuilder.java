package dev.unroll.site;

import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.render.LessonView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Bakes a site: derives every lesson of the grid (in parallel), writes its pages, pictures, notebooks,
 * PDFs (when given a compiler), the index and the search index into a staging folder of its own, and
 * only when every page succeeded publishes it in place of the previous site in one step
 * ({@link SiteFolder}: the output is a link to a whole build). A failure deletes the staging folder,
 * leaves the previous site as it was and names the first failing page in grid order. Writes nothing
 * outside the output, its hidden store and its lock; refuses to replace a non-empty folder that is not
 * a site, and a second build of the same output while one runs.
 */
public final class SiteBuilder {
  /** The file that marks a folder as a site this builder may replace. */
  public static final String MARKER = ".unroll-site";
  private static final List<String> STATIC = List.of("site.css", "render-math.js", "site.js");

  /** Told after each page, with the page's lesson; called from the building threads. */
  public interface Progress {
    void pageDone(int done, int total, LessonSpec lesson);

    Progress NONE = (done, total, lesson) -> { };
  }

  private final Function<LessonSpec, Lesson> lessons;
  private final int threads;
  private final Optional<LessonPdf> pdf;
  private final Optional<PageStore> store;

  /** A builder of sites without PDFs. */
  public SiteBuilder(Function<LessonSpec, Lesson> lessons, int threads) {
    this(lessons, threads, Optional.empty());
  }

  /**
   * @param lessons derives and renders one lesson; called from several threads at once
   * @param threads how many lessons to build at a time
   * @param pdf compiles each lesson's LaTeX to a PDF the page links, on the same threads; empty for none
   */
  public SiteBuilder(Function<LessonSpec, Lesson> lessons, int threads, Optional<LessonPdf> pdf) {
    this(Optional.empty(), lessons, threads, pdf);
  }

  /**
   * @param kept where each lesson's files are kept for the next build ({@link PageStore}), which then
   *     makes only the lessons whose inputs changed; empty, or a program not run from its jar, keeps none
   */
  public SiteBuilder(Function<LessonSpec, Lesson> lessons, int threads, Optional<LessonPdf> pdf, Optional<Path> kept) {
    this(kept.flatMap(PageStore::forThisProgram), lessons, threads, pdf);
  }

  /** A builder keeping each lesson's files in {@code store}. */
  static SiteBuilder keeping(PageStore store, Function<LessonSpec, Lesson> lessons, int threads, Optional<LessonPdf> pdf) {
    return new SiteBuilder(Optional.of(store), lessons, threads, pdf);
  }

  private SiteBuilder(Optional<PageStore> store, Function<LessonSpec, Lesson> lessons, int threads,
      Optional<LessonPdf> pdf) {
    this.store = Objects.requireNonNull(store, "store");
    this.pdf = Objects.requireNonNull(pdf, "pdf");
    this.lessons = Objects.requireNonNull(lessons, "lessons");
    if (threads < 1) {
      throw new IllegalArgumentException("A site needs at least one thread, got " + threads + ".");
    }
    this.threads = threads;
  }

  /**
   * Builds the site and returns the path of its index page.
   *
   * @throws dev.unroll.files.OutputBusyException when another build is writing {@code outFolder}
   */
  public Path build(SiteConfig config, Path outFolder, Progress progress) {
    Path out = outFolder.toAbsolutePath().normalize();
    if (out.getParent() == null) {
      throw new IllegalArgumentException("--out must not be the root of the file system.");
    }
    SiteGrid grid = new SiteGrid(config);
    SiteTemplates templates = new SiteTemplates(config.templates());
    SiteViews.Site site = new SiteViews.Site(config.title(), config.description());
    try (SiteFolder folder = SiteFolder.take(out)) {
      Path temp = folder.staging();
      try {
        new KatexAssets().copyTo(temp.resolve("katex"));
        new LunrAssets().copyTo(temp.resolve("lunr"));
        for (String file : STATIC) {
          write(temp, "assets/" + file, staticFile(file));
        }
        buildLessons(grid, templates, site, temp, progress, new PageInputs(config, grid, pdf.isPresent()));
        write(temp, SearchIndex.FILE, SearchIndex.fromPages(grid, temp).script().getBytes(StandardCharsets.UTF_8));
        // The index is written last: a build with its index is whole (SiteFolder's repair relies on it).
        write(temp, "index.html", new SiteIndex(grid, templates, site).html().getBytes(StandardCharsets.UTF_8));
        folder.publish(temp);
        store.ifPresent(PageStore::prune);
      } catch (IOException | RuntimeException e) {
        folder.discard(temp);
        throw e;
      }
    } catch (IOException e) {
      throw new SiteBuildException("The site was not built: " + reason(e) + ". The previous site in " + out
          + " is unchanged.", e);
    }
    return out.resolve("index.html");
  }

  /** Which file and why, in words. */
  private static String reason(IOException e) {
    String file = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
    return file + dev.unroll.files.TextFiles.reason(e);
  }

  private void buildLessons(SiteGrid grid, SiteTemplates templates, SiteViews.Site site, Path temp, Progress progress,
      PageInputs inputs) throws IOException {
    List<LessonSpec> specs = grid.specs();
    int total = specs.size();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      LessonPages pages = new LessonPages(templates, site, grid, pdf);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        LessonSpec spec = specs.get(i);
        int number = i + 1;
        futures.add(pool.submit(() -> {
          if (stop.get()) {
            return null;
          }
          LessonSpec previous = grid.neighbour(spec, -1);
          LessonSpec next = grid.neighbour(spec, 1);
          String key = store.isPresent() ? inputs.of(spec, number, total, previous, next) : "";
          Map<String, byte[]> files = store.flatMap(s -> s.get(key)).orElse(null);
          if (files == null) {
            Lesson lesson = lessons.apply(spec);
            if (!lesson.spec().equals(spec)) {
              throw new IllegalStateException("the pipeline returned the lesson " + lesson.spec().slug() + " when asked for "
                  + spec.slug());
            }
            files = pages.files(lesson, number, total, previous, next);
            if (lesson.checks().stream().allMatch(LessonView.CheckView::passed)) {
              Map<String, byte[]> made = files;
              store.ifPresent(s -> s.put(key, made)); // a failing lesson is made (and reported) on every build
            }
          }
          for (Map.Entry<String, byte[]> f : files.entrySet()) {
            write(temp, f.getKey(), f.getValue());
          }
          progress.pageDone(done.incrementAndGet(), total, spec);
          return null;
        }));
      }
      for (int i = 0; i < total; i++) {
        try {
          futures.get(i).get();
        } catch (ExecutionException e) {
          stop.set(true);
          Throwable cause = e.getCause();
          throw new SiteBuildException("The site was not built: page " + (i + 1) + " of " + total + " ("
              + LessonPages.page(specs.get(i)) + ") failed: " + describe(cause) + ". The previous site is unchanged.", cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SiteBuildException("The site build was interrupted; the previous site is unchanged.", e);
        }
      }
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  /** Waits for running pages to finish writing, so a failed build's folder can be removed whole. */
  private static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("A lesson did not finish within ten minutes of the build stopping.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "it stopped without saying why" : t.getMessage().strip();
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }

  /** Writes one file under the site folder, refusing any path that would leave it. */
  static void write(Path root, String relative, byte[] bytes) throws IOException {
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new IllegalStateException("refused to write '" + relative + "' outside the site folder");
    }
    Files.createDirectories(target.getParent());
    Files.write(target, bytes);
  }

  private static byte[] staticFile(String name) {
    try (InputStream in = SiteBuilder.class.getResourceAsStream("/assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("The jar lacks assets/" + name + ".");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
