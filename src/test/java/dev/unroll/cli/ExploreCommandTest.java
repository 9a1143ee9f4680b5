package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExploreCommandTest {
  @TempDir
  Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void writesTheTableAndThePlotAndTheSameBytesTwice() throws IOException {
    Result r = run("explore", "--activation", "sigmoid", "--sigma", "0.5/gamma", "--sigma", "6", "--steps", "12",
        "--out", dir.resolve("a").toString());
    assertThat(r.code()).as(r.err()).isZero();
    String table = Files.readString(dir.resolve("a/decay-sigmoid.md"));
    assertThat(table).contains("γ = max |f′| = 0.25").containsPattern("\\| 0.5/gamma +\\| +2 \\| +0.5 \\|")
        .containsPattern("\\| 6 +\\| +6 \\| +1.5 \\|").contains("](decay-sigmoid.svg)").doesNotContain("NO |")
        .doesNotContainPattern("\\d[eE][-+]?\\d");
    assertThat(table.lines().filter(l -> l.matches("\\| +\\d+ \\|.*") && l.split("\\|").length == 6)).hasSize(12);
    assertThat(dir.resolve("a/decay-sigmoid.csv")).doesNotExist();
    assertThat(run("explore", "--activation", "sigmoid", "--sigma", "0.5/gamma", "--sigma", "6", "--steps", "12",
        "--out", dir.resolve("b").toString()).code()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("b/decay-sigmoid.svg")))
        .isEqualTo(Files.readAllBytes(dir.resolve("a/decay-sigmoid.svg")));
  }

  @Test
  void writesLatexAndExactCsvOnRequest() throws IOException {
    Result r = run("explore", "--activation", "tanh", "--sigma", "0.5", "--steps", "40", "--format", "tex,csv",
        "--out", dir.resolve("c").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(dir.resolve("c/decay-tanh.md")).doesNotExist();
    assertThat(Files.readString(dir.resolve("c/decay-tanh.tex"))).contains("\\times 10^{-").doesNotContainPattern("\\d[eE][-+]?\\d");
    java.util.List<String> csv = Files.readAllLines(dir.resolve("c/decay-tanh.csv"));
    assertThat(csv).hasSize(41);
    // The oldest term of a 0.5-gain run is tiny: the CSV has it to the last bit, in a form any reader parses.
    double oldest = Double.parseDouble(csv.get(40).split(",")[6]);
    assertThat(oldest).isPositive().isLessThan(1e-9);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
    "--format;html;--format takes md, tex and csv",
    "--sigma;-2;--sigma must be positive",
    "--sigma;big;--sigma takes a positive number",
    "--steps;0;--steps must be between 1",
    "--threshold;0;--threshold must be a positive number",
    "--activation;relu;Symja could not find the largest |f'| of relu",
    "--activation;nope;Unknown activation 'nope'"})
  void badInputIsOneClearLineAndExitCodeTwo(String option, String value, String message) {
    Result r = run("explore", option, value, "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err().strip()).contains(message).doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void helpExplainsTheOptions() {
    Result r = run("explore", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--sigma").contains("1/gamma").contains("--steps").contains("--seed")
        .contains("(gamma sigma)^j");
  }
}
