package dev.unroll.numeric;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.LossKind;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The seeded cases every gradient source runs through. */
final class Cases {
  private Cases() {}

  /** One configuration: the graph, its params and the engine's derivations of every parameter. */
  record Case(String name, UnrolledGraph graph, Params params, LossKind loss, List<Derivation> derivations) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case of(long seed, int h, int d, int k, int steps, String activation, LossKind loss) {
    CellDefinition cell = new CellLibrary().load("rnn").withPlaceholder("f", activation);
    UnrolledGraph graph = new Unroller().unroll(cell, steps);
    Params params = new ParamsGenerator(cell).generate(seed, Map.of("H", h, "D", d, "K", k), steps, activation);
    List<Derivation> ds = List.of("U", "W", "V").stream().map(p -> new Differentiator().derive(graph, p, loss)).toList();
    String name = String.format(java.util.Locale.ROOT, "seed %d, H=%d D=%d K=%d N=%d, %s, %s loss", seed, h, d, k, steps, activation, loss.spelled());
    return new Case(name, graph, params, loss, ds);
  }

  /** H up to 16, N up to 50, tanh and sigmoid, both losses, as issue 3 asks. */
  static Stream<Arguments> contract() {
    return Stream.of(
        of(1, 1, 1, 2, 1, "tanh", LossKind.LAST),
        of(2, 2, 3, 2, 3, "sigmoid", LossKind.LAST),
        of(3, 4, 3, 3, 5, "tanh", LossKind.TOTAL),
        of(4, 5, 2, 4, 8, "sigmoid", LossKind.TOTAL),
        of(5, 8, 4, 5, 12, "tanh", LossKind.LAST),
        of(6, 3, 5, 3, 20, "relu", LossKind.TOTAL),
        of(7, 16, 8, 10, 50, "tanh", LossKind.LAST),
        of(8, 16, 8, 10, 50, "sigmoid", LossKind.TOTAL),
        of(9, 16, 4, 6, 30, "sigmoid", LossKind.LAST),
        of(10, 12, 6, 6, 30, "tanh", LossKind.TOTAL)).map(Arguments::of);
  }
}
