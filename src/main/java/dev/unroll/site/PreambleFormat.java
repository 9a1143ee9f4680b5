package dev.unroll.site;

import dev.unroll.files.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The preamble a site's lessons share, loaded by pdflatex once per build instead of once per lesson:
 * the leading {@code \documentclass} and package lines of a lesson's {@code .tex} are dumped as a
 * pdflatex format ({@code pdflatex -ini "&pdflatex" ... \dump}), and each lesson is compiled from
 * that format with the rest of its text. Loading the packages is a large part of a lesson's compile
 * (measured with callgrind on the 8-stage lesson: 2.3 G instructions from LaTeX's own format, 1.4 G
 * from the dumped one, of which an empty document from the dumped format costs 0.8 G).
 *
 * <p>Only lines that load packages or set lengths and options go into the format
 * ({@link #split}); the title and everything after it stay in the lesson's text, so every lesson of a
 * grid shares one format. The preamble's lines are replaced by empty lines in what is compiled, so
 * pdflatex's line numbers are still those of the published {@code .tex}. A format is made in a
 * temporary folder of this object's, removed when the program ends, so it always belongs to the
 * pdflatex that reads it. The PDF is the same bytes for the same {@code .tex} on every build (the
 * format is made from that text alone, under the same fixed date); it differs from the bytes a
 * compile without the format would give (by a colour reset), which is why {@link LessonPdf} keeps its
 * PDFs under a key of this route. When pdflatex cannot dump a preamble, its lessons are compiled
 * without a format.
 */
final class PreambleFormat {
  /** A lesson's {@code .tex}: the lines that go into the format, and the text compiled from it. */
  record Split(String preamble, String body) {}

  /** Lines that load a package or set an option, the same in every lesson of a template. */
  private static final Pattern SHARED = Pattern.compile(
      "\\\\(usepackage|RequirePackage|usetikzlibrary|usepgfplotslibrary|pgfplotsset|allowdisplaybreaks|setlength)\\b.*"
          + "|\\s*|%.*");

  private final Path pdflatex;
  private final Map<String, Optional<Path>> formats = new ConcurrentHashMap<>();
  private volatile Path folder;

  PreambleFormat(Path pdflatex) {
    this.pdflatex = pdflatex;
  }

  /**
   * The {@code \documentclass} line and the package and option lines after it, and the text with
   * those lines left empty; empty when the text does not start with {@code \documentclass}.
   */
  static Optional<Split> split(String tex) {
    String[] lines = tex.split("\n", -1);
    if (lines.length < 2 || !lines[0].startsWith("\\documentclass")) {
      return Optional.empty();
    }
    int end = 1;
    while (end < lines.length && SHARED.matcher(lines[end]).matches()) {
      end++;
    }
    StringBuilder preamble = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i < end) {
        preamble.append(lines[i]).append('\n');
      }
      body.append(i < end ? "" : lines[i]).append(i + 1 < lines.length ? "\n" : "");
    }
    return Optional.of(new Split(preamble.toString(), body.toString()));
  }

  /**
   * The format of a preamble (its path without {@code .fmt}, for {@code -fmt=}), dumped on first
   * use and shared by the threads that compile; empty when pdflatex could not dump it.
   */
  Optional<Path> format(String preamble) {
    return formats.computeIfAbsent(preamble, this::dump);
  }

  private Optional<Path> dump(String preamble) {
    try {
      Path dir = Files.createDirectories(folder().resolve(Sha256.hex(preamble).substring(0, 16)));
      Files.writeString(dir.resolve("preamble.tex"), preamble + "\\dump\n", StandardCharsets.UTF_8);
      ProcessBuilder builder = new ProcessBuilder(List.of(pdflatex.toString(), "-ini", "-interaction=nonstopmode",
          "-halt-on-error", "-no-shell-escape", "-jobname=lesson", "&pdflatex", "preamble.tex"))
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("dump.out").toFile());
      LessonPdf.fixedDate(builder);
      Process process = builder.start();
      if (!process.waitFor(LessonPdf.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return Optional.empty();
      }
      Path format = dir.resolve("lesson.fmt");
      return process.exitValue() == 0 && Files.isRegularFile(format) ? Optional.of(dir.resolve("lesson"))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // the lessons are compiled without a format
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** This object's temporary folder, made on first use and removed when the program ends. */
  private synchronized Path folder() throws IOException {
    if (folder == null) {
      Path made = Files.createTempDirectory("unroll-format-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(made), "unroll-format-cleanup"));
      folder = made;
    }
    return folder;
  }

  private static void remove(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary folder is harmless.
    }
  }
}
