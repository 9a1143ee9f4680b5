package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  private static final String SLIPS = "src/test/resources/verify/corpus/lstm-slips.tex";

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void anLstmDerivationIsJudgedWithTheCellGivenOrInferred() {
    Run given = run("verify", "--cell", "lstm", SLIPS);
    Run inferred = run("verify", SLIPS);

    assertThat(given.code()).isEqualTo(1);
    assertThat(given.out()).isEqualTo(inferred.out());
    assertThat(given.out()).contains(SLIPS + ":19:43: error: missing term: Right: "
        + "\\frac{\\partial E}{\\partial c_{t+1}} \\odot f_{t+1}");
  }

  /** The slips file with a LaTeX comment line appended, so that its other lines keep their numbers. */
  private static String slipsWith(Path dir, String comment) throws IOException {
    Path copy = dir.resolve("slips.tex");
    Files.writeString(copy, Files.readString(Path.of(SLIPS)) + comment + "\n");
    return copy.toString();
  }

  @Test
  void aFileNamesItsOwnCellAndTheCommandLineWins(@TempDir Path tmp) throws IOException {
    String told = slipsWith(tmp, "% verify: cell=rnn");
    Run inferred = run("verify", SLIPS);
    Run fromFile = run("verify", told);
    Run overridden = run("verify", "--cell", "lstm", told);

    assertThat(fromFile.out().replace(told, SLIPS)).as("the file's cell=rnn is used").isNotEqualTo(inferred.out());
    assertThat(overridden.out().replace(told, SLIPS)).isEqualTo(inferred.out());
    assertThat(overridden.code()).isEqualTo(1);
  }

  @Test
  void aDirectiveVerifyCannotReadIsOneLineNamingItsLineAndExitTwo(@TempDir Path tmp) throws IOException {
    int last = (int) Files.readString(Path.of(SLIPS)).lines().count() + 1;
    for (String directive : new String[] {"% verify: steps=0", "% verify: cell=elman", "% verify: colour=red",
        "% verify: steps 4"}) {
      String file = slipsWith(tmp, directive);
      Run r = run("verify", file);
      assertThat(r.code()).as(directive).isEqualTo(2);
      assertThat(r.out()).as(directive).isEmpty();
      assertThat(r.err().strip().lines()).as(directive).singleElement().asString()
          .startsWith("unroll: " + file + ":" + last + ": ").doesNotContain("Exception");
    }
  }

  @Test
  void aMarkdownDirectiveIsAnHtmlComment(@TempDir Path tmp) throws IOException {
    Path md = tmp.resolve("notes.md");
    Files.writeString(md, "# Notes\n\n<!-- verify: cell=lstm\n     steps=3 -->\n\n$$h_t = \\tanh(W h_{t-1} + U x_t)$$\n");
    Path bad = tmp.resolve("bad.md");
    Files.writeString(bad, "# Notes\n\n<!-- verify: notation=goodfellow -->\n");

    assertThat(dev.unroll.verify.Directives.of(new dev.unroll.verify.DocumentReader().read(md)))
        .isEqualTo(new dev.unroll.verify.Directives(java.util.OptionalInt.of(3), java.util.Optional.of("lstm"),
            java.util.Optional.empty(), 3));
    assertThat(run("verify", bad.toString()).err().strip())
        .isEqualTo("unroll: " + bad + ":3: the verify directive's notation must be lesson or cs231n, got 'goodfellow'.");
  }

  @Test
  void anUnknownCellOrAMismatchedNotationIsOneLineAndExitTwo() {
    Run unknown = run("verify", "--cell", "elman", SLIPS);
    Run mismatch = run("verify", "--cell", "lstm", "--notation", "cs231n", SLIPS);

    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err().strip()).isEqualTo("unroll: --cell must be one of rnn, lstm, gru, got 'elman'.");
    assertThat(mismatch.code()).isEqualTo(2);
    assertThat(mismatch.err().strip().lines()).singleElement().asString().contains("--notation cs231n");
  }

  @Test
  void helpExplainsTheCellOption() {
    Run help = run("verify", "--help");

    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--cell=CELL").contains("rnn, lstm or gru");
  }
}
