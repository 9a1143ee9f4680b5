package dev.unroll.site;

import dev.unroll.files.KeptFiles;
import dev.unroll.files.Sha256;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compiles a lesson's {@code .tex}, the very text the site publishes, into a PDF with pdflatex, in a
 * private temporary folder that is removed afterwards. The PDF is the same bytes on every run: no
 * creation date ({@code \pdfinfoomitdate=1}), no trailer id ({@code \pdftrailerid{}}) and
 * {@code SOURCE_DATE_EPOCH} fixed, all given on pdflatex's command line so the file stays as written.
 * The packages every lesson loads are loaded once, from a format dumped for the build
 * ({@link PreambleFormat}). One compile at a time per calling thread; the site's building threads call it side by side. A
 * compile that does not finish within the timeout is killed. Texts compiled before are remembered by
 * their hash for the life of the object (a served site rebuilds only what changed).
 */
public final class LessonPdf {
  /** How long one lesson may take; the largest default lessons take a few seconds. */
  public static final int TIMEOUT_SECONDS = 120;

  /** A kept PDF larger than this is not one this class wrote. */
  private static final int MAX_KEPT_BYTES = 16 << 20;

  /**
   * Part of every kept PDF's key: the route from {@code .tex} to bytes. A PDF compiled from the
   * dumped preamble ({@link PreambleFormat}) is not the bytes of one compiled without it.
   */
  private static final String ROUTE = "pdflatex from the lessons' dumped preamble, 1";

  private final Path pdflatex;
  private final Optional<Path> kept;
  private final Map<String, byte[]> done = new ConcurrentHashMap<>();
  private final PreambleFormat formats;

  private LessonPdf(Path pdflatex, Optional<Path> kept) {
    this.pdflatex = pdflatex;
    this.kept = kept;
    this.formats = new PreambleFormat(pdflatex);
  }

  /** pdflatex from the PATH, or empty when it is not installed. */
  public static Optional<LessonPdf> find() {
    return find(Optional.empty());
  }

  /**
   * pdflatex from the PATH, keeping every PDF it makes in {@code kept} under the hash of its name and
   * {@code .tex}, so that a rebuild whose lesson did not change compiles nothing (a PDF is the same
   * bytes for the same {@code .tex}).
   */
  public static Optional<LessonPdf> find(Optional<Path> kept) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "pdflatex");
        if (Files.isExecutable(candidate)) {
          return Optional.of(new LessonPdf(candidate, kept));
        }
      }
    }
    return Optional.empty();
  }

  /** The PDF of a lesson whose file stem is {@code name}; throws with pdflatex's first error when it fails. */
  public byte[] compile(String name, String tex) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("a PDF's name must be letters, digits, dots, dashes and underscores, got '" + name + "'");
    }
    String key = ROUTE + "\n" + name + "\n" + Sha256.hex(tex);
    byte[] known = done.get(key);
    if (known != null) {
      return known.clone();
    }
    Optional<Path> keptFile = kept.map(k -> k.resolve(Sha256.hex(key) + ".pdf"));
    Optional<byte[]> before = keptFile.flatMap(LessonPdf::readKept);
    if (before.isPresent()) {
      done.put(key, before.get());
      return before.get().clone();
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("unroll-pdf-");
      // The shared preamble comes from its dumped format when pdflatex could make one.
      Optional<PreambleFormat.Split> split = PreambleFormat.split(tex);
      Optional<Path> format = split.flatMap(p -> formats.format(p.preamble()));
      Files.writeString(dir.resolve(name + ".tex"), format.isPresent() ? split.get().body() : tex, StandardCharsets.UTF_8);
      List<String> command = new java.util.ArrayList<>(List.of(pdflatex.toString()));
      format.ifPresent(f -> command.add("-fmt=" + f));
      command.addAll(List.of("-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-jobname=" + name,
          "\\pdfinfoomitdate=1\\pdftrailerid{}\\input{" + name + ".tex}"));
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("pdflatex.out").toFile());
      fixedDate(builder);
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("pdflatex did not finish " + name + ".tex within " + TIMEOUT_SECONDS
            + " s (site --no-pdf builds the site without PDFs)");
      }
      Path pdf = dir.resolve(name + ".pdf");
      if (process.exitValue() != 0 || !Files.isRegularFile(pdf)) {
        throw new IllegalStateException("pdflatex failed on " + name + ".tex (exit " + process.exitValue() + "): "
            + firstError(dir.resolve(name + ".log")) + " (site --no-pdf builds the site without PDFs)");
      }
      byte[] bytes = Files.readAllBytes(pdf);
      done.put(key, bytes);
      keptFile.ifPresent(k -> keep(k, bytes));
      return bytes.clone();
    } catch (IOException e) {
      throw new UncheckedIOException("pdflatex could not run on " + name + ".tex: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pdflatex compiled " + name + ".tex", e);
    } finally {
      removeQuietly(dir);
    }
  }

  /** pdflatex's clock stopped at 0, so that nothing it writes depends on when it ran. */
  static void fixedDate(ProcessBuilder builder) {
    builder.environment().put("SOURCE_DATE_EPOCH", "0");
    builder.environment().put("FORCE_SOURCE_DATE", "1");
  }

  /** A kept PDF: a regular file (never through a link), of a sane size, that starts like a PDF. */
  private static Optional<byte[]> readKept(Path file) {
    return KeptFiles.read(file, MAX_KEPT_BYTES).filter(bytes ->
        new String(bytes, 0, Math.min(5, bytes.length), StandardCharsets.ISO_8859_1).equals("%PDF-"));
  }

  /** Keeps a PDF for the next build: written beside its place and renamed, so a reader never sees half. */
  private static void keep(Path file, byte[] bytes) {
    try {
      KeptFiles.write(file, bytes);
    } catch (IOException e) {
      // Keeping is only for speed: the next build compiles it again.
    }
  }

  /** The first line of a TeX log that starts with '!', with the line after it; or a pointer to the log. */
  static String firstError(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("!")) {
          return (lines.get(i) + (i + 1 < lines.size() ? " " + lines.get(i + 1).strip() : "")).strip();
        }
      }
      return "no error line in its log";
    } catch (IOException e) {
      return "it wrote no log";
    }
  }


  private static void removeQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary folder is harmless; the PDF (or the error) is what the caller needs.
    }
  }
}
