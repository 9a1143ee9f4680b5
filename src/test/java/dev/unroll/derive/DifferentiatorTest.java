package dev.unroll.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import dev.unroll.unroll.Unroller;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DifferentiatorTest {
  private static final CellDefinition RNN = new CellLibrary().load("rnn");
  private final Forms forms = new Forms(new TextbookCalculus());
  private final LatexWriter tex = new LatexWriter(Notation.LESSON);

  private Derivation derive(int steps, String wrt, LossKind loss) {
    return new Differentiator().derive(new Unroller().unroll(RNN, steps), wrt, loss);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 50})
  void theTermReachingBackKStepsHasKFactorsOfWAndEndsInTheStateKStepsBack(int steps) {
    Derivation d = derive(steps, "W", LossKind.LAST);
    assertThat(d.terms()).hasSize(steps);
    for (int k = 0; k < steps; k++) {
      Term term = d.terms().get(k);
      assertThat(term.count("W")).as("W factors in term %d", k).isEqualTo(k);
      long activations = term.factors().stream()
          .filter(f -> f instanceof Factor.Local l && l.output().op() == dev.unroll.unroll.Op.ACTIVATION).count();
      assertThat(activations).isEqualTo(k + 1);
      Terminal.OtherInput end = (Terminal.OtherInput) term.end();
      assertThat(tex.write(end.vector().label())).isEqualTo("s_{" + dev.unroll.expr.Time.t(-k).spelled() + "}");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 9})
  void theUTermReachingBackKStepsEndsInTheInputOfThatStage(int steps) {
    Derivation d = derive(steps, "U", LossKind.LAST);
    assertThat(d.terms()).hasSize(steps);
    for (int k = 0; k < steps; k++) {
      Terminal.OtherInput end = (Terminal.OtherInput) d.terms().get(k).end();
      assertThat(tex.write(end.vector().label())).isEqualTo("x_{" + dev.unroll.expr.Time.t(1 - k).spelled() + "}");
    }
  }

  @Test
  void vHasOneTermForTheLastLossAndOnePerStageForTheTotal() {
    assertThat(derive(5, "V", LossKind.LAST).terms()).hasSize(1);
    assertThat(derive(5, "V", LossKind.TOTAL).terms()).hasSize(5);
    assertThat(derive(4, "W", LossKind.TOTAL).terms()).hasSize(4 + 3 + 2 + 1);
  }

  @Test
  void theThreeStageSumInTheLessonsChainNotation() {
    Derivation d = derive(3, "W", LossKind.LAST);
    assertThat(tex.write(forms.chain(d.terms().get(1)))).isEqualTo(
        "\\frac{\\partial E_{t+1}}{\\partial o_{t+1}} \\cdot \\frac{\\partial o_{t+1}}{\\partial q_{t+1}} \\cdot V"
            + " \\cdot \\frac{\\partial s_{t+1}}{\\partial z_{t+1}} \\cdot W \\cdot \\frac{\\partial s_{t}}{\\partial z_{t}}"
            + " \\cdot s_{t-1}");
  }

  @Test
  void concreteAndMatrixFormsOfTheSecondTerm() {
    Term t = derive(3, "W", LossKind.LAST).terms().get(1);
    assertThat(tex.write(forms.concrete(t))).isEqualTo(
        "\\left(\\left(o_{t+1} - y_{t+1}\\right)^\\top V \\operatorname{diag}\\left(1 - s_{t+1}^{2}\\right) W"
            + " \\operatorname{diag}\\left(1 - s_{t}^{2}\\right)\\right)^\\top s_{t-1}^\\top");
    assertThat(tex.write(forms.matrix(t))).isEqualTo(
        "\\operatorname{diag}\\left(1 - s_{t}^{2}\\right) W^\\top \\operatorname{diag}\\left(1 - s_{t+1}^{2}\\right)"
            + " V^\\top \\left(o_{t+1} - y_{t+1}\\right) s_{t-1}^\\top");
  }

  @Test
  void vGradientIsTheOuterProductOfTheOutputErrorAndTheState() {
    Term t = derive(3, "V", LossKind.LAST).terms().get(0);
    assertThat(tex.write(forms.matrix(t))).isEqualTo("\\left(o_{t+1} - y_{t+1}\\right) s_{t+1}^\\top");
  }
}
