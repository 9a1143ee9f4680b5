package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckCommandTest {
  @TempDir
  Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void theDefaultCheckPassesAndPrintsEveryParameterAndSource() {
    Run r = run("check");
    assertThat(r.exit()).isEqualTo(Main.OK);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("cell rnn, activation tanh, last loss, H = 4, D = 3, K = 3, N = 5, params from seed 1")
        .contains("backward pass", "derived sum", "concrete form", "matrix form", "finite differences", "all 40 entries")
        .containsPattern("(?m)^U(\\s+\\d\\.\\de-1[3-9]){4}\\s+\\d\\.\\de-(0[7-9]|1[0-9])$")
        .containsPattern("(?m)^W\\s").containsPattern("(?m)^V\\s")
        .contains("passed:");
    assertThat(run("check").out()).isEqualTo(r.out());
  }

  @Test
  void jsonHasTheLossGradientsShapedLikeTheParametersAgreementAndParamsThatReproduceIt() throws Exception {
    Run r = run("check", "--json", "--seed", "7", "--hidden", "5", "--inputs", "2", "--outputs", "4", "--steps", "6",
        "--activation", "sigmoid", "--loss", "total");
    assertThat(r.exit()).isEqualTo(Main.OK);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("loss").isNumber()).isTrue();
    assertThat(doc.at("/gradients/U").size()).isEqualTo(5);
    assertThat(doc.at("/gradients/U/0").size()).isEqualTo(2);
    assertThat(doc.at("/gradients/V").size()).isEqualTo(4);
    assertThat(doc.at("/gradients/W/4").size()).isEqualTo(5);
    assertThat(doc.at("/agreement/passed").asBoolean()).isTrue();
    assertThat(doc.at("/agreement/relativeErrors/W/derived sum").asDouble()).isLessThan(1e-12);
    assertThat(doc.at("/params/activation").asText()).isEqualTo("sigmoid");
    assertThat(doc.at("/params/y").size()).isEqualTo(6);

    Path file = dir.resolve("p.json");
    Files.writeString(file, doc.get("params").toString(), StandardCharsets.UTF_8);
    Run again = run("check", "--json", "--params", file.toString(), "--loss", "total");
    assertThat(again.exit()).isEqualTo(Main.OK);
    JsonNode doc2 = new ObjectMapper().readTree(again.out());
    assertThat(doc2.get("loss")).isEqualTo(doc.get("loss"));
    assertThat(doc2.get("gradients")).isEqualTo(doc.get("gradients"));
    assertThat(doc2.get("params")).isEqualTo(doc.get("params"));
  }

  static Stream<Arguments> gatedCells() {
    return Stream.of(
        Arguments.of("lstm", "Wi Ui bi Wf Uf bf Wo Uo bo Wg Ug bg V", "Wi Ui bi Wf Uf bf Wo Uo bo Wg Ug bg V h0 c0 x y"),
        Arguments.of("gru", "Wz Uz bz Wr Ur br Wh Uh bh V", "Wz Uz bz Wr Ur br Wh Uh bh V h0 x y"));
  }

  @ParameterizedTest
  @MethodSource("gatedCells")
  void aGatedCellIsCheckedWithItsAdjointFormUnderTheIssuesKeys(String cell, String parameters, String keys) throws Exception {
    Run text = run("check", "--cell", cell, "--steps", "4", "--seed", "3");
    assertThat(text.exit()).isEqualTo(Main.OK);
    assertThat(text.out()).contains("cell " + cell + ", activation (none), last loss, H = 4, D = 3, K = 3, N = 4, params from seed 3")
        .contains("backward pass", "derived sum", "adjoint form", "finite differences", "passed:");
    for (String p : parameters.split(" ")) {
      assertThat(text.out()).containsPattern("(?m)^" + p + "(\\s+\\d\\.\\de-1[3-9]){5}\\s+\\d\\.\\de-(0[7-9]|1[0-9])$");
    }

    Run r = run("check", "--cell", cell, "--json", "--steps", "50", "--hidden", "3", "--inputs", "2", "--loss", "total");
    assertThat(r.exit()).isEqualTo(Main.OK);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(iterable(doc.get("gradients").fieldNames())).containsExactly(parameters.split(" "));
    assertThat(iterable(doc.get("params").fieldNames())).containsExactly(keys.split(" "));
    assertThat(doc.at("/gradients/" + parameters.split(" ")[1]).size()).isEqualTo(3);
    assertThat(doc.at("/gradients/" + parameters.split(" ")[0] + "/0").size()).isEqualTo(2);
    assertThat(doc.at("/agreement/passed").asBoolean()).isTrue();
    for (String p : parameters.split(" ")) {
      assertThat(doc.at("/agreement/relativeErrors/" + p + "/adjoint form").asDouble()).as(p).isLessThan(1e-12);
      assertThat(doc.at("/agreement/relativeErrors/" + p + "/finite differences").asDouble()).as(p).isLessThan(1e-6);
    }
    assertThat(doc.at("/params/x").size()).isEqualTo(50);

    Path file = dir.resolve(cell + ".json");
    Files.writeString(file, doc.get("params").toString(), StandardCharsets.UTF_8);
    Run again = run("check", "--cell", cell, "--json", "--params", file.toString(), "--loss", "total");
    assertThat(again.exit()).isEqualTo(Main.OK);
    assertThat(new ObjectMapper().readTree(again.out()).get("gradients")).isEqualTo(doc.get("gradients"));
  }

  private static java.util.List<String> iterable(java.util.Iterator<String> names) {
    java.util.List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }

  @Test
  void largeSizesSampleTheReferencesAndSayWhich() {
    Run r = run("check", "--hidden", "24", "--steps", "12", "--sample", "5");
    assertThat(r.exit()).isEqualTo(Main.OK);
    assertThat(r.out()).contains("5 of 576 entries of W", "(sampled)");
  }

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of(new String[] {"--loss", "mean"}, "--loss must be last or total"),
        Arguments.of(new String[] {"--hidden", "0"}, "--hidden must be between 1 and 100000, got 0."),
        Arguments.of(new String[] {"--activation", "swish"}, "--activation must be one of"),
        Arguments.of(new String[] {"--params", "/nonexistent/p.json"}, "Cannot read the params file /nonexistent/p.json: no such file or folder. --params needs a JSON file."),
        Arguments.of(new String[] {"--params", "FILE", "--hidden", "3"}, "--params cannot be combined"),
        Arguments.of(new String[] {"--cell", "nosuch"}, "--cell must be one of rnn, lstm, gru"));
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void badInputExitsTwoWithOneLine(String[] args, String message) throws Exception {
    Path file = dir.resolve("empty.json");
    Files.writeString(file, "");
    String[] full = Stream.concat(Stream.of("check"), Stream.of(args).map(a -> a.equals("FILE") ? file.toString() : a)).toArray(String[]::new);
    Run r = run(full);
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(message).endsWith("\n");
    assertThat(r.err().strip()).doesNotContain("\n");
  }

  @Test
  void aBadParamsFileExitsTwoNamingTheKey() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"activation\": \"tanh\", \"U\": [[1]], \"W\": [[1]], \"V\": [[1], [2]], \"s0\": [0], \"x\": [[1]], \"y\": [2]}");
    Run r = run("check", "--params", file.toString());
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err().strip()).isEqualTo("unroll: The params file " + file + " has y[0] = 2, out of range; expected a class index from 0 to 1 (K = 2).");
    Files.writeString(file, "");
    assertThat(run("check", "--params", file.toString()).err()).contains("is empty");
  }
}
