package dev.unroll.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * On the plain RNN the adjoint equations, with s and q eliminated, are the delta recursion that
 * {@link Forms#recurrence} and {@link ClosedForm} find from the expanded terms (bptt-math.md, 3):
 * delta_{t+1} = D_{t+1} V^T (o - y), delta_k = D_k W^T delta_{k+1}, dE/dW = sum_k delta_k s_{k-1}^T.
 */
class RnnAdjointsTest {
  private final Forms forms = new Forms(new TextbookCalculus());
  private final Adjoints adjoints = new Adjoints(new TextbookCalculus());
  private final LatexWriter tex = new LatexWriter(Notation.LESSON);

  @ParameterizedTest
  @ValueSource(strings = {"tanh", "sigmoid"})
  void eliminatingSAndQLeavesTheDeltaRecursionOfTheClosedForm(String activation) {
    UnrolledGraph g = new Unroller().unroll(new CellLibrary().load("rnn").withPlaceholder("f", activation), 5);
    Recurrence r = forms.recurrence(new Differentiator().derive(g, "W", LossKind.LAST)).orElseThrow();
    AdjointSystem onZ = adjoints.eliminate(adjoints.eliminate(adjoints.derive(g, LossKind.LAST), "s"), "q");

    assertThat(onZ.adjoints()).extracting(a -> a.variable().name().orElseThrow().name()).containsOnly("z");
    assertThat(onZ.adjoints()).hasSize(5);
    AdjointSystem.Adjoint newest = onZ.adjoint("z", g.last()).orElseThrow();
    assertThat(adjoints.rhs(onZ, newest)).isEqualTo(r.firstDelta());
    for (int k = 0; k >= -3; k--) {
      Time stage = Time.t(k);
      List<Expr> expected = new ArrayList<>(((Expr.Product) Rewrite.retime(r.columnFactor(), Recurrence.K, stage)).factors());
      expected.add(adjoints.lhs(onZ, g.node("z", stage.plus(1)).orElseThrow()));
      assertThat(adjoints.rhs(onZ, onZ.adjoint("z", stage).orElseThrow())).isEqualTo(Expr.juxtapose(expected));
    }
    // The gradient ends in the state the multiplication gate reads, one per stage.
    assertThat(tex.write(adjoints.gradientSeries(onZ, "W").orElseThrow()))
        .isEqualTo("\\sum_{k=t-3}^{t+1} \\frac{\\partial E_{t+1}}{\\partial z_{k}} s_{k-1}^\\top");
    // Substituting the recursion back gives the closed form's terms.
    assertThat(adjoints.expand(onZ, "W")).isEqualTo(termsOf(ClosedForm.expand(ClosedForm.matrix(r))));
  }

  private static List<Expr> termsOf(Expr sum) {
    return sum instanceof Expr.Sum s ? s.terms() : List.of(sum);
  }

  @Test
  void theAdjointEquationsOfTheRnnAsTheLessonWritesThem() {
    UnrolledGraph g = new Unroller().unroll(new CellLibrary().load("rnn"), 3);
    AdjointSystem s = adjoints.derive(g, LossKind.TOTAL);
    List<String> rows = s.at(Time.t(0)).stream()
        .map(a -> tex.write(adjoints.lhs(s, a.variable())) + " = " + tex.write(adjoints.rhs(s, a))).toList();
    assertThat(rows).containsExactly(
        "\\frac{\\partial E}{\\partial q_{t}} = o_{t} - y_{t}",
        "\\frac{\\partial E}{\\partial s_{t}} = W^\\top \\frac{\\partial E}{\\partial z_{t+1}} + V^\\top \\frac{\\partial E}{\\partial q_{t}}",
        "\\frac{\\partial E}{\\partial z_{t}} = \\operatorname{diag}\\left(1 - s_{t}^{2}\\right) \\frac{\\partial E}{\\partial s_{t}}");
  }
}
