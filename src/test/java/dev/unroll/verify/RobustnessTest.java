package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.unroll.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code verify} never crashes: every input ends, within two seconds, in findings (exit 0 or 1) or
 * in a one-sentence refusal (exit 2), never in a stack trace. Random inputs come from fixed seeds.
 */
class RobustnessTest {
  private static final Duration LIMIT = Duration.ofSeconds(2);

  @TempDir
  Path dir;

  /**
   * Every cell's local derivatives come from Symja the first time and from the answer cache after:
   * asked once here, so that no timed case waits for Symja to start, whichever test ran before.
   */
  @org.junit.jupiter.api.BeforeAll
  static void fillTheAnswerCache() {
    String[] docs = {
      "$$\n\\frac{\\partial E_{t+1}}{\\partial W} = \\operatorname{diag}(1 - s_{t+1}^2) V^\\top (o_{t+1} - y_{t+1})"
          + " s_t^\\top\n$$\n",
      "$$\n\\frac{\\partial E_{t+1}}{\\partial c_k} = 0\n$$\n",
      "$$\n\\frac{\\partial E_{t+1}}{\\partial r_k} = 0\n$$\n"};
    for (String doc : docs) {
      Document d = new DocumentReader().parse("warm.md", doc.getBytes(StandardCharsets.UTF_8));
      new Verifier(Verifier.Options.inferred(), null).verify("warm.md", d);
    }
  }

  /** Runs the command line on a file and checks the outcome is orderly. */
  private int run(Path file) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = assertTimeoutPreemptively(LIMIT,
        () -> Main.run(new String[] {"verify", file.toString()}, new PrintWriter(out), new PrintWriter(err)));
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(code).isBetween(0, 3);
    if (code == 2) {
      assertThat(err.toString()).startsWith("unroll: ").endsWith(".\n".replace("\n", System.lineSeparator()))
          .hasLineCount(1);
    } else {
      assertThat(out.toString()).containsPattern("\\d+ claims?: \\d+ confirmed, \\d+ wrong, \\d+ not judged; ")
          .doesNotContain("Exception");
    }
    return code;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void aGatedClaimOverSixtyStagesWithTwoFreeTimesIsJudgedInTime() throws IOException {
    // 60 stages of an LSTM, a sum of 60 terms, and two free times k and m: 3,600 settings unless bounded.
    Path wide = write("wide.md", "$$\n\\frac{\\partial E_{t+1}}{\\partial c_k} = \\sum_{j=t-58}^{t+1}"
        + " \\frac{\\partial E_{t+1}}{\\partial c_{k+1}} \\odot f_{j} \\odot f_{m}\n$$\n");
    assertThat(run(wide)).isEqualTo(1);
  }

  @Test
  void emptyFileHasNothingToCheckWhichIsNotAPass() throws IOException {
    assertThat(run(write("empty.md", ""))).isEqualTo(3);
    assertThat(run(write("empty.tex", ""))).isEqualTo(3);
  }

  @Test
  void missingFileIsExitTwo() {
    assertThat(run(dir.resolve("absent.md"))).isEqualTo(2);
  }

  @Test
  void binaryFileIsExitTwo() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    assertThat(run(Files.write(dir.resolve("image.md"), png))).isEqualTo(2);
  }

  @Test
  void fiftyMegabyteFileIsRefusedQuickly() throws IOException {
    Path big = dir.resolve("big.md");
    byte[] line = "$$\\frac{\\partial E_{t+1}}{\\partial W} = V . W . s_{t}$$ and prose.\n".getBytes(StandardCharsets.UTF_8);
    try (OutputStream o = Files.newOutputStream(big)) {
      for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
        o.write(line);
      }
    }
    assertThat(run(big)).isEqualTo(2);
  }

  @Test
  void unbalancedBracesAreAWarning() throws IOException {
    assertThat(run(write("open.md", "$$\\frac{\\partial E_{t+1}}{\\partial W = V s_{t}$$\n"))).isEqualTo(3);
    assertThat(run(write("close.md", "$$\\frac{\\partial E_{t+1}}}{\\partial W} = V s_{t}}$$\n"))).isEqualTo(3);
    assertThat(run(write("unclosed.md", "text $$ z_t = U x_t\n\nmore text\n"))).isEqualTo(3);
    assertThat(run(write("env.tex", "\\begin{align} z_t &= U x_t \\\\ \n"))).isEqualTo(3);
  }

  @Test
  void tenThousandNestedBracesAreAWarning() throws IOException {
    String deep = "$$" + "{".repeat(10_000) + "x" + "}".repeat(10_000) + "$$\n";
    Path f = write("deep.md", deep);
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"verify", f.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(code).isEqualTo(3);
    assertThat(out.toString()).contains("nested more than");
    run(f);
    run(write("deep-frac.md", "$$" + "\\frac{".repeat(5_000) + "x" + "}{y}".repeat(5_000) + "$$\n"));
    run(write("deep-parens.tex", "\\[" + "(".repeat(10_000) + "x" + ")".repeat(10_000) + "\\]\n"));
  }

  @Test
  void notebookThatIsNotJsonIsExitTwo() throws IOException {
    assertThat(run(write("broken.ipynb", "{\"cells\": [ {\"cell_type\": \"markdown\", \"source\": [\"$x$\"] "))).isEqualTo(2);
    assertThat(run(write("list.ipynb", "[1, 2, 3]"))).isEqualTo(2);
  }

  @Test
  void aNotebookWhoseCellsOrSourcesAreMalformedIsBadInputNotAShorterNotebook() throws IOException {
    String cell = "{\"cell_type\": \"markdown\", \"source\": [\"$$z_t = U x_t + W s_{t-1}$$\"]}";
    assertThat(run(write("cells-object.ipynb", "{\"cells\": {\"a\": 1}}"))).isEqualTo(2);
    assertThat(run(write("cells-number.ipynb", "{\"cells\": [" + cell + ", 3]}"))).isEqualTo(2);
    assertThat(run(write("source-number.ipynb", "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [\"a\", 7]}]}")))
        .isEqualTo(2);
    assertThat(run(write("source-object.ipynb", "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": {}}]}")))
        .isEqualTo(2);
    StringWriter err = new StringWriter();
    Main.run(new String[] {"verify", dir.resolve("cells-number.ipynb").toString()}, new PrintWriter(new StringWriter()),
        new PrintWriter(err));
    assertThat(err.toString()).contains("\"cells\" list holds a number").contains("cell object");
  }

  @Test
  void aNotebookNestedAHundredThousandDeepIsOneLineExitTwo() throws IOException {
    String deep = "{\"cells\": [], \"metadata\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThat(run(write("deep.ipynb", deep))).isEqualTo(2);
  }

  @Test
  void aDirectoryIsSaidToBeOne() throws IOException {
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"verify", dir.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("is a directory").doesNotContain("no such file");
  }

  static Stream<Integer> seeds() {
    return IntStream.range(0, 30).boxed();
  }

  /** 30 seeds x 100 files of random bytes: 3,000 cases. */
  @ParameterizedTest(name = "random bytes, seed {0}")
  @MethodSource("seeds")
  void randomBytes(int seed) throws IOException {
    Random r = new Random(seed);
    Verifier verifier = new Verifier(Verifier.Options.inferred(), null);
    for (int i = 0; i < 100; i++) {
      byte[] bytes = new byte[r.nextInt(400)];
      r.nextBytes(bytes);
      String name = switch (i % 3) {
        case 0 -> "x.md";
        case 1 -> "x.tex";
        default -> "x.ipynb";
      };
      assertTimeoutPreemptively(LIMIT, () -> {
        try {
          Document d = new DocumentReader().parse(name, bytes);
          assertThat(verifier.verify(name, d).exitCode()).isIn(0, 1, 3);
        } catch (UnreadableFileException e) {
          assertThat(e.getMessage()).endsWith(".");
        }
      });
    }
    run(Files.write(dir.resolve("random.md"), bytes(seed)));
  }

  private static int spans(Document d) {
    return d.segments().stream().mapToInt(s -> new MathExtractor().extract(s, d.markdown()).spans().size()).sum();
  }

  private static byte[] bytes(int seed) {
    byte[] b = new byte[1000];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** 30 seeds x 100 random LaTeX documents: 3,000 cases. */
  @ParameterizedTest(name = "random LaTeX, seed {0}")
  @MethodSource("seeds")
  void randomLatex(int seed) throws IOException {
    Random r = new Random(1000 + seed);
    Verifier verifier = new Verifier(Verifier.Options.inferred(), null);
    for (int i = 0; i < 100; i++) {
      String text = RandomLatex.document(r);
      boolean tex = i % 2 == 0;
      assertTimeoutPreemptively(LIMIT, () -> {
        Document d = new DocumentReader().parse(tex ? "x.tex" : "x.md", text.getBytes(StandardCharsets.UTF_8));
        Report report = verifier.verify("x", d);
        assertThat(report.exitCode()).isIn(0, 1, 3);
        assertThat(report.outcomes()).as("one outcome per span").hasSizeGreaterThanOrEqualTo(spans(d));
        assertThat(report.findings()).allMatch(f -> f.line() >= 1 && f.column() >= 1);
      }, () -> "seed " + seed + " case: " + text);
    }
    run(write("random.tex", RandomLatex.document(new Random(seed))));
  }
}
