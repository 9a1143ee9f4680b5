package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17 at the command line: malformed cells each refused with one line and exit 2, user-defined
 * activations checked with their own definitions, large losses and tiny gradients, kinks reported,
 * and {@code --json} gradients shaped like the params file.
 */
class CellEdgesCommandTest {
  @TempDir
  Path dir;

  private static String rnn() throws Exception {
    try (var in = CellEdgesCommandTest.class.getResourceAsStream("/cells/rnn.cell")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("param  V : K x H", "param  V : K x K",
            "q_t = V s_t: V has K columns but s_t has H rows, so V s_t cannot be formed."),
        Arguments.of("q_t = V s_t", "q_t = V s_t + s_t", "q_t = V s_t + s_t: V s_t and s_t are added but V s_t has K rows, s_t has H."),
        Arguments.of("E_t = crossentropy(o_t, y_t)", "E_t = crossentropy(q_t, y_t)",
            "crossentropy takes a probability vector, the output of softmax(...), as its first argument, but q_t is computed as V s_t."),
        Arguments.of("E_t = crossentropy(o_t, y_t)", "E_t = o_t", "the loss E must be a number (1 x 1)"),
        Arguments.of("W s_{t-1}", "W s_{t-2}", "'s_{t-2}' reads the state 2 stages back; a cell may read a state only one stage back"),
        Arguments.of("W s_{t-1}", "W s_{t-99999999999}", "the subscript t-99999999999 reaches too far"),
        Arguments.of("s_t = f(z_t)", "s_t = f(z_t) + x_t", "f(z_t) and x_t are added but f(z_t) has H rows, x_t has D."),
        Arguments.of("s_t = f(z_t)", "s_t = 2 z_t", "s_t = 2 z_t: 2 z_t multiplies by 2, which is not a parameter"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformed")
  void aMalformedCellIsRefusedWithOneLineAndExitTwo(String from, String to, String message) throws Exception {
    String text = rnn().replace(from, to);
    assertThat(text).contains(to);
    Path cell = file("bad.cell", text);
    for (String command : new String[] {"check", "lesson"}) {
      Path out = dir.resolve("out-" + command);
      CheckCommandTest.Run r = command.equals("check") ? CheckCommandTest.run("check", "--cell", cell.toString())
          : CheckCommandTest.run("lesson", "--cell", cell.toString(), "--out", out.toString());
      assertThat(r.exit()).as(command).isEqualTo(Main.BAD_INPUT);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void theIssuesLargeLossHasFiniteExactGradients() throws Exception {
    Path params = file("p.json", "{\"activation\": \"tanh\", \"U\": [[1]], \"W\": [[0]], \"V\": [[356], [-356]], \"s0\": [0],"
        + " \"x\": [[5]], \"y\": [1]}");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--params", params.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isEqualTo(Main.OK);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    // E = 712 tanh(5) exactly (ln(1 + e^-712 tanh 5) is below a double's resolution of 712).
    assertThat(doc.get("loss").asDouble()).isCloseTo(712 * Math.tanh(5), org.assertj.core.data.Offset.offset(1e-12 * 712));
    // dE/dV = [tanh 5 (o_0 - y_0), ...] = [tanh 5, -tanh 5]; dE/dU = 3560 sech^2(5).
    assertThat(doc.at("/gradients/V/0/0").asDouble()).isCloseTo(Math.tanh(5), org.assertj.core.data.Offset.offset(1e-15));
    assertThat(doc.at("/gradients/U/0/0").asDouble()).isCloseTo(0.64643630215995179550, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aBiasGradientIsAFlatListLikeTheBiasInTheParamsFile() throws Exception {
    Path cell = file("bias.cell", rnn().replace("param  V : K x H", "param  V : K x H\nparam  b : H")
        .replace("W s_{t-1}", "W s_{t-1} + b"));
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--cell", cell.toString(), "--json", "--steps", "3");
    assertThat(r.exit()).as(r.err()).isEqualTo(Main.OK);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.at("/params/b").isArray()).isTrue();
    assertThat(doc.at("/params/b/0").isNumber()).isTrue();
    assertThat(doc.at("/gradients/b").size()).isEqualTo(doc.at("/params/b").size());
    assertThat(doc.at("/gradients/b/0").isNumber()).isTrue();
    assertThat(doc.at("/gradients/W/0").isArray()).isTrue();
  }

  static Stream<Arguments> userCells() {
    return Stream.of(
        Arguments.of("softsign(z) = z/(1+Abs(z))", "softsign", false),
        Arguments.of("softsign(z) = z/(1+Abs(z))", "softsign", true),
        Arguments.of("sigmoid(z) = 2/(1+Exp(-z)) - 1", "sigmoid", false),
        Arguments.of("gauss(z) = Exp(-z^2)", "gauss", false),
        Arguments.of("shifted(z) = Max(0, z) - 1/2", "shifted", false));
  }

  @ParameterizedTest(name = "{0}, bias {2}")
  @MethodSource("userCells")
  void aUserActivationIsCheckedWithItsOwnDefinition(String definition, String name, boolean bias) throws Exception {
    String text = rnn().replace("activation f = tanh", "activation " + definition).replace("f(z_t)", name + "(z_t)");
    if (bias) {
      text = text.replace("param  V : K x H", "param  V : K x H\nparam  b : H").replace("W s_{t-1}", "W s_{t-1} + b");
    }
    Path cell = file(name + ".cell", text);
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--cell", cell.toString(), "--steps", "4");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("concrete form", "matrix form", "finite differences").contains("passed:");
    assertThat(r.exit()).isEqualTo(Main.OK);
  }

  @Test
  void aCellsOwnSigmoidIsNotTheBuiltIn() throws Exception {
    String own = rnn().replace("activation f = tanh", "activation sigmoid(z) = 2/(1+Exp(-z)) - 1").replace("f(z_t)", "sigmoid(z_t)");
    String builtIn = rnn().replace("activation f = tanh", "activation f = sigmoid");
    double a = new ObjectMapper().readTree(CheckCommandTest.run("check", "--cell", file("own.cell", own).toString(), "--json").out())
        .get("loss").asDouble();
    double b = new ObjectMapper().readTree(CheckCommandTest.run("check", "--cell", file("builtin.cell", builtIn).toString(), "--json")
        .out()).get("loss").asDouble();
    assertThat(a).isNotCloseTo(b, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void reluInputsAtTheKinkAreExcludedFromFiniteDifferencesAndCounted() throws Exception {
    // U and W zero in their first row: z_0 = 0 at every stage, relu's kink.
    Path params = file("kink.json", "{\"activation\": \"relu\", \"U\": [[0, 0], [0.5, -0.3]], \"W\": [[0, 0], [0.2, 0.4]],"
        + " \"V\": [[1, -1], [0.5, 0.7]], \"s0\": [0, 0.1], \"x\": [[1, 2], [0.3, -1], [2, 0.5]], \"y\": [0, 1, 1]}");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--params", params.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(Main.OK);
    assertThat(r.out()).contains("note: finite differences: 2 of 4 entries of U excluded").contains("U[0][0], U[0][1].")
        .contains("entries of W excluded");
  }

  @Test
  void aGradientNear1eMinus283IsCheckedAgainstAReferenceThatDoesNotUnderflow() throws Exception {
    StringBuilder x = new StringBuilder("[[1]");
    StringBuilder y = new StringBuilder("[1");
    for (int t = 1; t < 24; t++) {
      x.append(", [0]");
      y.append(", 1");
    }
    Path params = file("tiny.json", "{\"activation\": \"tanh\", \"U\": [[18]], \"W\": [[18]], \"V\": [[1e50], [-1e50]], \"s0\": [0],"
        + " \"x\": " + x + "], \"y\": " + y + "]}");
    CheckCommandTest.Run r = CheckCommandTest.run("check", "--params", params.toString(), "--json");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    double u = doc.at("/gradients/U/0/0").asDouble();
    assertThat(u).isBetween(1e-290, 1e-270);
    assertThat(doc.at("/agreement/relativeErrors/U/backward pass").asDouble()).isLessThan(1e-12);
    assertThat(doc.at("/agreement/relativeErrors/U/derived sum").asDouble()).isLessThan(1e-12);
    assertThat(doc.at("/agreement/notes").toString()).contains("taken again with a seed of 2^k").contains("U[0][0]");
  }
}
