package dev.unroll.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParamsJsonTest {
  private final CellDefinition cell = new CellLibrary().load("rnn");
  private final ParamsJson json = new ParamsJson(cell);

  private static final String GOOD = """
      {"activation": "tanh",
       "U": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],
       "W": [[0.1, -0.2], [0.3, 0.4]],
       "V": [[1, 2], [3, 4], [5, 6]],
       "s0": [0, 0.5],
       "x": [[1, 2, 3], [4, 5, 6]],
       "y": [2, 0]}
      """;

  @Test
  void readsTheKeysAndShapesTheCellDeclares() {
    Params p = json.read("good.json", GOOD);
    assertThat(Params.keys(cell)).containsExactly("activation", "U", "W", "V", "s0", "x", "y");
    assertThat(p.sizes()).containsExactly(Map.entry("H", 2), Map.entry("D", 3), Map.entry("K", 3));
    assertThat(p.steps()).isEqualTo(2);
    assertThat(p.weight("V").getEntry(2, 1)).isEqualTo(6.0);
    assertThat(p.initial().get("s").getEntry(1)).isEqualTo(0.5);
    assertThat(p.inputs().get("x").get(1).getEntry(0)).isEqualTo(4.0);
    assertThat(p.targets().get("y")).containsExactly(2, 0);
  }

  @Test
  void generatedParamsRoundTripExactlyThroughJson() {
    Params p = new ParamsGenerator(cell).generate(42, Map.of("H", 5, "D", 2, "K", 4), 7, "sigmoid");
    String text = json.write(p).toString();
    Params back = json.read("echo.json", text);
    assertThat(json.write(back).toString()).isEqualTo(text);
    assertThat(back.weight("W").getData()).isDeepEqualTo(p.weight("W").getData());
    assertThat(back.activation()).isEqualTo("sigmoid");
    assertThat(text).startsWith("{\"activation\":\"sigmoid\",\"U\":[[");
  }

  @Test
  void theSameSeedGivesTheSameParamsAndAnotherSeedOthers() {
    ParamsGenerator g = new ParamsGenerator(cell);
    Map<String, Integer> sizes = Map.of("H", 4, "D", 3, "K", 3);
    assertThat(json.write(g.generate(1, sizes, 5, "tanh"))).isEqualTo(json.write(g.generate(1, sizes, 5, "tanh")));
    assertThat(json.write(g.generate(2, sizes, 5, "tanh"))).isNotEqualTo(json.write(g.generate(1, sizes, 5, "tanh")));
    Params p = g.generate(3, sizes, 50, "tanh");
    assertThat(p.targets().get("y")).allMatch(y -> y >= 0 && y < 3);
    assertThat(java.util.Arrays.stream(p.weight("W").getData()).flatMapToDouble(java.util.Arrays::stream).boxed().toList())
        .allMatch(v -> Math.abs(v) <= 0.5).anyMatch(v -> v < 0).anyMatch(v -> v > 0);
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("empty file", "", List.of("is empty", "U, W, V")),
        Arguments.of("whitespace only", "  \n ", List.of("is empty")),
        Arguments.of("not JSON", "{\"U\": [[1, 2]", List.of("is not valid JSON", "line")),
        Arguments.of("not an object", "[1, 2]", List.of("must hold a JSON object", "an array")),
        Arguments.of("missing key", GOOD.replace("\"W\": [[0.1, -0.2], [0.3, 0.4]],", ""), List.of("lacks the key 'W'")),
        Arguments.of("unknown key", GOOD.replace("\"y\"", "\"z\": 1, \"y\""), List.of("unknown key 'z'")),
        Arguments.of("wrong shape", GOOD.replace("[[0.1, -0.2], [0.3, 0.4]]", "[[0.1, -0.2, 1], [0.3, 0.4, 1]]"),
            List.of("\"W\"", "H x H = 2 x 2", "rows of 3")),
        Arguments.of("wrong row count", GOOD.replace("[[0.1, -0.2], [0.3, 0.4]]", "[[0.1, -0.2], [0.3, 0.4], [1, 1]]"),
            List.of("\"W\" with 3 rows", "H x H = 2 x 2")),
        Arguments.of("ragged rows", GOOD.replace("[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]", "[[0.1, 0.2, 0.3], [0.4, 0.5]]"),
            List.of("ragged rows in \"U\"", "row 1 has 2 entries but row 0 has 3")),
        Arguments.of("vector of wrong length", GOOD.replace("[0, 0.5]", "[0, 0.5, 1]"), List.of("\"s0\"", "3 entries", "H = 2")),
        Arguments.of("y out of range", GOOD.replace("[2, 0]", "[3, 0]"), List.of("y[0] = 3", "from 0 to 2", "K = 3")),
        Arguments.of("negative y", GOOD.replace("[2, 0]", "[2, -1]"), List.of("y[1] = -1")),
        Arguments.of("fractional y", GOOD.replace("[2, 0]", "[1.5, 0]"), List.of("y[0] = 1.5", "whole number")),
        Arguments.of("NaN", GOOD.replace("[0, 0.5]", "[NaN, 0.5]"), List.of("s0[0] = NaN", "finite number")),
        Arguments.of("infinite", GOOD.replace("0.3, 0.4]]", "0.3, 1e999]]"), List.of("W[1][1]", "finite number")),
        Arguments.of("string entry", GOOD.replace("[[1, 2], [3, 4]", "[[1, \"2\"], [3, 4]"), List.of("V[0][1]", "finite number")),
        Arguments.of("stage count mismatch", GOOD.replace("[2, 0]", "[2, 0, 1]"), List.of("3 stages in \"y\"", "N = 2")),
        Arguments.of("unknown activation", GOOD.replace("\"tanh\"", "\"swish\""), List.of("\"activation\"", "sigmoid", "tanh")),
        Arguments.of("duplicate key", GOOD.replace("\"y\"", "\"W\": [[1]], \"y\""), List.of("is not valid JSON", "W")),
        Arguments.of("empty matrix", GOOD.replace("[[0.1, -0.2], [0.3, 0.4]]", "[]"), List.of("empty \"W\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void everyBadInputGivesOneLineNamingTheKey(String name, String text, List<String> expected) {
    assertThatThrownBy(() -> json.read("p.json", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The params file p.json ")
        .hasMessageEndingWith(".")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(expected));
  }
}
