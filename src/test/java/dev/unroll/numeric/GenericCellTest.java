package dev.unroll.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.CellParser;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.LossKind;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nothing in the numeric check knows the RNN: a gated cell with a bias, an elementwise gate, a
 * broadcast constant and a second path between states gets its params keys from its declarations,
 * and every source agrees on it.
 */
class GenericCellTest {
  static final String GATED = """
      cell gated "A gated cell"
      input  x : D
      state  h : H
      target y : K
      param  U : H x D
      param  W : H x H
      param  b : H
      param  A : H x D
      param  V : K x H
      activation f = tanh
      loss E
      a_t = sigmoid(A x_t)
      z_t = U x_t + W h_{t-1} + b
      h_t = a_t (.) f(z_t) + (1 - a_t) (.) h_{t-1}
      q_t = V h_t
      o_t = softmax(q_t)
      E_t = crossentropy(o_t, y_t)
      """;

  @ParameterizedTest
  @CsvSource({"1, 3, 2, 3, 3, last", "2, 4, 3, 2, 4, total", "3, 2, 2, 5, 5, last"})
  void everySourceAgreesOnAGatedCell(long seed, int h, int d, int k, int steps, String loss) {
    CellDefinition cell = new CellParser(CellLibrary.builtInActivations()).parse("gated.cell", GATED);
    assertThat(Params.keys(cell)).containsExactly("activation", "U", "W", "b", "A", "V", "h0", "x", "y");
    UnrolledGraph graph = new Unroller().unroll(cell, steps);
    Params params = new ParamsGenerator(cell).generate(seed, Map.of("H", h, "D", d, "K", k), steps, "");
    ParamsJson json = new ParamsJson(cell);
    assertThat(json.write(json.read("echo", json.write(params).toString()))).isEqualTo(json.write(params));
    assertThat(params.weight("b").getColumnDimension()).isEqualTo(1);

    LossKind kind = LossKind.parse(loss);
    List<Derivation> ds = List.of("U", "W", "b", "A", "V").stream().map(p -> new Differentiator().derive(graph, p, kind)).toList();
    CheckReport r = new NumericCheck().run(CheckInput.of(graph, params, kind, ds).withSample(Integer.MAX_VALUE, 1));
    assertThat(r.parameters()).containsExactly("U", "W", "b", "A", "V");
    assertThat(r.comparisons()).hasSize(5 * 3);
    assertThat(r.failures()).as("%s", r.failures()).isEmpty();
    assertThat(r.worst(Source.DERIVED_SUM).getAsDouble()).isLessThan(Source.EXACT);
    assertThat(r.gradients().get("b").getFrobeniusNorm()).isPositive();
    assertThat(r.gradients().get("A").getFrobeniusNorm()).isPositive();
  }
}
