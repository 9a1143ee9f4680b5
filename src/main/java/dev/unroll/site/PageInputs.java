package dev.unroll.site;

import dev.unroll.files.Sha256;
import dev.unroll.pipeline.LessonSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything one build's lesson pages are made from besides the program, written out as the key a
 * {@link PageStore} keeps a lesson's files under: the site's title and description, the bytes of its
 * own templates, the whole grid (every page's sidebar lists it, with each cell's title: another
 * cell's file touches a page only through its title), whether
 * pages have PDFs, and for each page its spec, the bytes of its {@code .cell} file, its place and its
 * neighbours. Computed once a build; contents, never file times.
 */
final class PageInputs {
  private final String site;
  private final Map<String, String> cells = new ConcurrentHashMap<>();

  PageInputs(SiteConfig config, SiteGrid grid, boolean pdf) throws IOException {
    StringBuilder s = new StringBuilder("unroll site page 1\n")
        .append("title ").append(config.title()).append('\n')
        .append("description ").append(config.description()).append('\n')
        .append("templates ").append(config.templates().isPresent() ? PageStore.contents(config.templates().get()) : "built-in")
        .append('\n').append("pdf ").append(pdf).append('\n');
    StringBuilder lessons = new StringBuilder();
    for (LessonSpec spec : grid.specs()) {
      lessons.append(spec).append(' ').append(grid.cellTitle(spec.cell())).append('\n');
    }
    this.site = s.append("grid ").append(Sha256.hex(lessons.toString())).append('\n').toString();
  }

  /** The key of one page's files. */
  String of(LessonSpec spec, int number, int total, LessonSpec previous, LessonSpec next) {
    return site + "lesson " + spec + "\ncell " + cell(spec) + "\npage " + number + " of " + total + ", after "
        + (previous == null ? "none" : previous.slug()) + ", before " + (next == null ? "none" : next.slug()) + "\n";
  }

  /** A built-in cell by its name (it is part of the program); a {@code .cell} file by its bytes. */
  private String cell(LessonSpec spec) {
    return cells.computeIfAbsent(spec.cell(), c -> {
      if (!c.endsWith(".cell")) {
        return "built-in " + c;
      }
      try {
        return Sha256.hex(Files.readAllBytes(Path.of(c)));
      } catch (IOException e) {
        return "unreadable"; // the lesson itself then fails with the reason
      }
    });
  }
}
