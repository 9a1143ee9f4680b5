package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LaTeX versions of a site compile with pdflatex, TikZ picture included. pdflatex takes seconds
 * a file, so the default run compiles a sample of the default grid: the reference lesson (tanh, W,
 * last loss, N = 3), the smallest (sigmoid, V, total, N = 1) and the largest (tanh, U, total, N = 8).
 * {@code -Dsite.latex=all} compiles every .tex of the default grid (96 files) instead.
 */
class SiteLatexTest {
  private static final List<String> SAMPLE = List.of("rnn-tanh-W-last-3", "rnn-sigmoid-V-total-1", "rnn-tanh-U-total-8");

  @TempDir
  Path tmp;

  @Test
  void theTexOfTheSiteCompiles() throws Exception {
    Path pdflatex = Stream.of("/usr/bin/pdflatex", "/usr/local/bin/pdflatex").map(Path::of)
        .filter(Files::isExecutable).findFirst().orElse(null);
    if (pdflatex == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must have pdflatex (texlive-latex-base, texlive-pictures, texlive-latex-extra).");
      }
      Assumptions.abort("pdflatex is not installed; skipping the LaTeX compile check outside CI.");
    }
    Path site = tmp.resolve("site");
    new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.defaults(), site, SiteBuilder.Progress.NONE);
    List<Path> files;
    if ("all".equals(System.getProperty("site.latex"))) {
      try (Stream<Path> walk = Files.walk(site, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
        files = walk.filter(p -> p.toString().endsWith(".tex")).sorted().toList();
      }
      assertThat(files).hasSize(96);
    } else {
      files = SAMPLE.stream().map(s -> site.resolve("lessons/" + s + "/" + s + ".tex")).toList();
    }
    Path build = Files.createDirectories(tmp.resolve("pdf"));
    for (Path tex : files) {
      Process p = new ProcessBuilder(pdflatex.toString(), "-interaction=nonstopmode", "-halt-on-error",
          "-no-shell-escape", "-output-directory=" + build, tex.toString())
          .directory(tex.getParent().toFile()).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String name = tex.getFileName().toString().replace(".tex", "");
      assertThat(p.exitValue()).as("pdflatex %s:%n%s", tex.getFileName(), tail(log)).isZero();
      assertThat(build.resolve(name + ".pdf")).isNotEmptyFile();
    }
  }

  private static String tail(String log) {
    return log.length() < 3000 ? log : log.substring(log.length() - 3000);
  }
}
