package dev.unroll.cell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LSTM and GRU definition files read as the issue names them. */
class GatedCellsTest {
  private final CellLibrary library = new CellLibrary();

  private static List<String> names(CellDefinition cell, Declaration.Kind kind) {
    return cell.declarations(kind).stream().map(Declaration::name).toList();
  }

  @Test
  void bothAreBuiltIn() {
    assertThat(CellLibrary.BUILT_IN).containsExactly("rnn", "lstm", "gru");
  }

  @Test
  void theLstmDeclaresTheIssuesParametersWithTheirShapes() {
    CellDefinition lstm = library.load("lstm");
    assertThat(names(lstm, Declaration.Kind.PARAM))
        .containsExactly("Wi", "Ui", "bi", "Wf", "Uf", "bf", "Wo", "Uo", "bo", "Wg", "Ug", "bg", "V");
    for (String gate : List.of("i", "f", "o", "g")) {
      assertThat(lstm.declaration("W" + gate).orElseThrow().shape()).containsExactly("H", "D");
      assertThat(lstm.declaration("U" + gate).orElseThrow().shape()).containsExactly("H", "H");
      assertThat(lstm.declaration("b" + gate).orElseThrow().shape()).containsExactly("H");
    }
    assertThat(lstm.declaration("V").orElseThrow().shape()).containsExactly("K", "H");
    assertThat(names(lstm, Declaration.Kind.STATE)).containsExactly("h", "c");
    assertThat(names(lstm, Declaration.Kind.INPUT)).containsExactly("x");
    assertThat(names(lstm, Declaration.Kind.TARGET)).containsExactly("y");
    assertThat(lstm.equations()).extracting(e -> e.target().name())
        .containsExactly("i", "f", "o", "g", "c", "h", "q", "p", "E");
    assertThat(lstm.placeholders()).isEmpty();
  }

  @Test
  void theLstmCellStateIsTheForgetGateTimesTheOldStatePlusTheGatedCandidate() {
    Expr c = library.load("lstm").equationFor("c").orElseThrow().definition();
    assertThat(c).isEqualTo(new Expr.Sum(List.of(
        new Expr.Hadamard(at("f", 0, Expr.Role.INTERMEDIATE), at("c", -1, Expr.Role.STATE)),
        new Expr.Hadamard(at("i", 0, Expr.Role.INTERMEDIATE), at("g", 0, Expr.Role.INTERMEDIATE)))));
  }

  @Test
  void theGruDeclaresTheIssuesParametersAndItsUpdateIsAConstantMinusTheGate() {
    CellDefinition gru = library.load("gru");
    assertThat(names(gru, Declaration.Kind.PARAM))
        .containsExactly("Wz", "Uz", "bz", "Wr", "Ur", "br", "Wh", "Uh", "bh", "V");
    assertThat(names(gru, Declaration.Kind.STATE)).containsExactly("h");
    Expr z = at("z", 0, Expr.Role.INTERMEDIATE);
    assertThat(gru.equationFor("h").orElseThrow().definition()).isEqualTo(new Expr.Sum(List.of(
        new Expr.Hadamard(new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(z))), at("h", -1, Expr.Role.STATE)),
        new Expr.Hadamard(z, at("n", 0, Expr.Role.INTERMEDIATE)))));
    Expr.Apply n = (Expr.Apply) gru.equationFor("n").orElseThrow().definition();
    Expr.Sum argument = (Expr.Sum) n.arguments().get(0);
    assertThat(argument.terms().get(1)).isEqualTo(new Expr.Product(List.of(Expr.Symbol.param("Uh"),
        new Expr.Hadamard(at("r", 0, Expr.Role.INTERMEDIATE), at("h", -1, Expr.Role.STATE))), Expr.ProductStyle.JUXTAPOSE));
  }

  private static Expr at(String name, int offset, Expr.Role role) {
    return Expr.Symbol.at(name, Time.t(offset), role);
  }
}
