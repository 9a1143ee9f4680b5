package dev.unroll.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.TextbookCalculus;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's adjoint equations, evaluated in order, give the gradient of a gated cell: they agree
 * with the backward pass, automatic differentiation (1e-12 relative) and finite differences (1e-6)
 * up to N = 50, where the expanded sum has far too many terms to evaluate.
 */
class AdjointFormTest {
  @ParameterizedTest
  @CsvSource({
      "lstm, 1, 1, 3, 2, 3, last", "lstm, 2, 2, 4, 3, 2, total", "lstm, 3, 7, 3, 2, 3, last", "lstm, 4, 50, 4, 3, 3, last",
      "gru, 1, 1, 3, 2, 3, total", "gru, 2, 3, 4, 3, 2, last", "gru, 3, 12, 2, 2, 3, total", "gru, 4, 50, 4, 3, 3, last"})
  void theAdjointFormAgreesWithEverySource(String name, long seed, int steps, int h, int d, int k, String loss) {
    CellDefinition cell = new CellLibrary().load(name);
    UnrolledGraph graph = new Unroller().unroll(cell, steps);
    LossKind kind = LossKind.parse(loss);
    Params params = new ParamsGenerator(cell).generate(seed, Map.of("H", h, "D", d, "K", k), steps, "");
    Adjoints adjoints = new Adjoints(new TextbookCalculus());
    AdjointSystem s = adjoints.derive(graph, kind);
    AdjointForm form = AdjointForm.of(s, adjoints);
    assertThat(form.gradients().keySet()).containsExactlyElementsOf(
        cell.declarations(dev.unroll.cell.Declaration.Kind.PARAM).stream().map(dev.unroll.cell.Declaration::name).toList());

    CheckReport report = new NumericCheck().run(CheckInput.of(graph, params, kind, List.of()).withAdjointForm(form));

    assertThat(report.sources()).contains(Source.ADJOINT_FORM, Source.BACKWARD_PASS, Source.FINITE_DIFFERENCES);
    assertThat(report.failures()).isEmpty();
    assertThat(report.passed()).isTrue();
    Backprop.Result bp = new Backprop().run(graph, params, kind);
    Map<String, RealMatrix> derived = new AdjointEvaluator().gradients(form, bp.tape());
    bp.gradients().forEach((p, g) -> {
      double scale = Math.max(g.getFrobeniusNorm(), derived.get(p).getFrobeniusNorm());
      assertThat(derived.get(p).subtract(g).getFrobeniusNorm()).as(p).isLessThanOrEqualTo(1e-12 * Math.max(scale, 1e-300));
    });
  }

  @ParameterizedTest
  @CsvSource({"lstm", "gru"})
  void aWrongAdjointEquationIsCaught(String name) {
    CellDefinition cell = new CellLibrary().load(name);
    UnrolledGraph graph = new Unroller().unroll(cell, 4);
    Params params = new ParamsGenerator(cell).generate(5, Map.of("H", 3, "D", 2, "K", 3), 4, "");
    Adjoints adjoints = new Adjoints(new TextbookCalculus());
    AdjointForm form = AdjointForm.of(adjoints.derive(graph, LossKind.LAST), adjoints);
    // Dropping the last route of the first equation with two routes loses a path of the gradient.
    List<AdjointForm.Equation> broken = new java.util.ArrayList<>(form.equations());
    for (int i = 0; i < broken.size(); i++) {
      if (broken.get(i).rhs() instanceof dev.unroll.expr.Expr.Sum sum && sum.terms().size() > 1) {
        broken.set(i, new AdjointForm.Equation(broken.get(i).lhs(), dev.unroll.expr.Expr.sum(sum.terms().subList(0, sum.terms().size() - 1))));
        break;
      }
    }
    CheckReport report = new NumericCheck().run(
        CheckInput.of(graph, params, LossKind.LAST, List.of()).withAdjointForm(new AdjointForm(broken, form.gradients())));
    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).allMatch(f -> f.source() == Source.ADJOINT_FORM).isNotEmpty();
  }
}
