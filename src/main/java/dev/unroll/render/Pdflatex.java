package dev.unroll.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns a complete LaTeX document into a PDF with the machine's {@code pdflatex}, when it has one.
 * The run is sandboxed as far as TeX allows ({@code -no-shell-escape}, a fresh scratch folder) and
 * reproducible: {@code SOURCE_DATE_EPOCH} is fixed, and documents that want identical bytes on every
 * run also set {@code \pdfinfoomitdate} and {@code \pdftrailerid{}}.
 */
public final class Pdflatex {
  /** One compile may take this long; a document that loops is stopped. */
  private static final long TIMEOUT_SECONDS = 120;
  /** Documents written here hold no cross-references, so one run settles them. */
  private static final int PASSES = 1;

  private final String command;

  private Pdflatex(String command) {
    this.command = command;
  }

  /** The machine's pdflatex, or empty when it has none on the PATH. */
  public static Optional<Pdflatex> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pdflatex"))) {
        return Optional.of(new Pdflatex(Path.of(dir, "pdflatex").toString()));
      }
    }
    return Optional.empty();
  }

  /**
   * The PDF of {@code tex}.
   *
   * @throws IllegalStateException naming the first LaTeX error when the document does not compile
   */
  public byte[] compile(String name, String tex) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("unroll-pdflatex");
      Files.writeString(dir.resolve("doc.tex"), tex, StandardCharsets.UTF_8);
      for (int pass = 0; pass < PASSES; pass++) {
        ProcessBuilder pb = new ProcessBuilder(command, "-interaction=nonstopmode", "-halt-on-error",
            "-no-shell-escape", "doc.tex").directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("run.out").toFile());
        pb.environment().put("SOURCE_DATE_EPOCH", "0");
        pb.environment().put("FORCE_SOURCE_DATE", "1");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("pdflatex did not finish " + name + " within " + TIMEOUT_SECONDS + " s.");
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException("pdflatex could not compile " + name + ": " + firstError(dir.resolve("doc.log")));
        }
      }
      return Files.readAllBytes(dir.resolve("doc.pdf"));
    } catch (IOException e) {
      throw new IllegalStateException("pdflatex could not be run on " + name + ": " + e.getMessage() + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("pdflatex was interrupted on " + name + ".", e);
    } finally {
      delete(dir);
    }
  }

  private static String firstError(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      return lines.stream().filter(l -> l.startsWith("!")).findFirst().map(l -> l.substring(1).strip())
          .orElse("see its log");
    } catch (IOException e) {
      return "no log was written";
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // A scratch folder under the system's temporary directory: left for the system to clear.
    }
  }
}
