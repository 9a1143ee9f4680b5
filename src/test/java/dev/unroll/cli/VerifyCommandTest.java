package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

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
