package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lesson command's contract: paths printed on success; on bad input one line, exit 2, nothing written. */
class LessonCommandTest {
  @TempDir
  Path tmp;

  record Outcome(int code, String out, String err) {}

  private Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void writesMarkdownAndLatexAndPrintsTheirPaths() throws IOException {
    Path outDir = tmp.resolve("out");
    Outcome o = run("lesson", "--out", outDir.toString());
    assertThat(o.code()).as(o.err()).isZero();
    // The decay plot the Markdown links to is written next to it.
    assertThat(o.out().lines().toList()).containsExactly(
        outDir.resolve("rnn-tanh-W-last-3.md").toString(), outDir.resolve("rnn-tanh-W-last-3-decay.svg").toString(),
        outDir.resolve("rnn-tanh-W-last-3.tex").toString(), outDir.resolve("assets/rnn-tanh-W-last-3.svg").toString());
    assertThat(Files.readString(outDir.resolve("rnn-tanh-W-last-3.md"))).contains("](assets/rnn-tanh-W-last-3.svg)")
        .contains("](rnn-tanh-W-last-3-decay.svg)");
    assertThat(Files.readString(outDir.resolve("assets/rnn-tanh-W-last-3.svg"))).contains("<svg", "</svg>");
    assertThat(outDir.resolve("rnn-tanh-W-last-3.md")).isNotEmptyFile();
    try (Stream<Path> files = Files.walk(outDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void formatChoosesWhatIsWritten() throws IOException {
    Path outDir = tmp.resolve("md-only");
    assertThat(run("lesson", "--format", "md", "--out", outDir.toString()).code()).isZero();
    try (Stream<Path> files = Files.walk(outDir)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> outDir.relativize(p).toString()))
          .containsExactlyInAnyOrder("rnn-tanh-W-last-3.md", "rnn-tanh-W-last-3-decay.svg", "assets/rnn-tanh-W-last-3.svg");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "--steps 0", "--steps -3", "--steps abc", "--steps 10001", "--steps 101 --expanded", "--expanded --compact", "--activation swish", "--wrt Q", "--loss average",
    "--format pdf", "--cell nosuch", "--templates /nonexistent/templates", "--bogus", "--cell lstm --activation sigmoid",
    "--cell gru --expanded", "--cell lstm --compact"
  })
  void badInputIsOneLineExitTwoAndWritesNothing(String options) {
    Path outDir = tmp.resolve("never");
    List<String> args = new ArrayList<>(List.of("lesson", "--out", outDir.toString()));
    args.addAll(List.of(options.split(" ")));
    Outcome o = run(args.toArray(String[]::new));
    assertThat(o.code()).as(o.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.err().lines().count()).as(o.err()).isEqualTo(1);
    assertThat(o.err()).startsWith("unroll: ").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(o.out()).isEmpty();
    assertThat(outDir).doesNotExist();
  }

  @Test
  void aTemplateWithASyntaxErrorIsNamedWithItsLine() throws IOException {
    Path templates = tmp.resolve("templates");
    copyBuiltInTemplates(templates);
    Files.writeString(templates.resolve("common/lesson-body.ftl"), "Fine line\n[#if unclosed]\n");
    Path outDir = tmp.resolve("never");
    Outcome o = run("lesson", "--templates", templates.toString(), "--out", outDir.toString());
    assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.err().lines().count()).as(o.err()).isEqualTo(1);
    assertThat(o.err()).contains("lesson-body.ftl").contains("line");
    assertThat(outDir).doesNotExist();
  }

  @Test
  void anUnwritableOutIsRefusedBeforeAnyWork() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
    Outcome o = run("lesson", "--out", file.resolve("sub").toString());
    assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.err()).contains("--out");
    assertThat(Files.readString(file)).isEqualTo("not a folder");
  }

  @Test
  void aGatedCellDefaultsToItsMemoryGatesRecurrentWeightAndNamesItsParametersForAnUnknownOne() throws IOException {
    Path outDir = tmp.resolve("lstm");
    Outcome ok = run("lesson", "--cell", "lstm", "--format", "md", "--out", outDir.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    try (Stream<Path> files = Files.list(outDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("lstm-Uf-last-3.md", "lstm-Uf-last-3-norms.svg", "assets");
    }
    // The picture of the network, which the gated lesson now shows too.
    assertThat(outDir.resolve("assets/lstm-Uf-last-3.svg")).isNotEmptyFile();
    String md = Files.readString(outDir.resolve("lstm-Uf-last-3.md"));
    assertThat(md).contains("\\frac{\\partial E_{t+1}}{\\partial U_{f}}", "--wrt Uf", "Passed, numeric check",
        "Passed, symbolic check:", "unrolled over $N = 3$ stages", "](lstm-Uf-last-3-norms.svg)", "](assets/lstm-Uf-last-3.svg)");
    assertThat(ok.out()).contains("lstm-Uf-last-3-norms.svg");

    Outcome bad = run("lesson", "--cell", "lstm", "--wrt", "W", "--out", tmp.resolve("never").toString());
    assertThat(bad.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(bad.err().strip()).isEqualTo("unroll: --wrt must be one of the lstm cell's parameters, "
        + "Wi, Ui, bi, Wf, Uf, bf, Wo, Uo, bo, Wg, Ug, bg, V; got 'W'.");
    assertThat(run("lesson", "--help").out()).contains("Uf for the LSTM", "Uz for the GRU");
  }

  @Test
  void helpExplainsEveryOption() {
    Outcome o = run("lesson", "--help");
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("--steps", "--wrt", "--activation", "--loss", "--format", "--out", "--templates", "--cell");
  }

  private static void copyBuiltInTemplates(Path to) throws IOException {
    Path from = Path.of("templates");
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
