package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.List;
import java.util.Optional;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The total Jacobians {@link NumericWorld} gives the partials authors write, held to independent
 * values: the loss's adjoints (the engine's adjoint equations, evaluated) must be the newest adjoint
 * carried back by the transposed Jacobian, for the RNN and for the LSTM, whose states are coupled.
 */
class JacobiansTest {
  private static final double TOLERANCE = 1e-10;

  private static Expr.Symbol at(String name, int offset) {
    return new Expr.Symbol(name, Optional.of(Time.t(offset)), Expr.Role.STATE);
  }

  private static NumericWorld world(CellDefinition cell, int steps) {
    return new NumericWorld(cell, steps, LossKind.LAST, new EngineTerms(cell).calculus());
  }

  private static void carriesTheNewestAdjointBack(CellDefinition cell, String state, int steps) {
    NumericWorld w = world(cell, steps);
    Time newest = w.graph().last();
    RealMatrix top = w.adjoint(state, newest);
    for (int o = w.graph().first().offset(); o < newest.offset(); o++) {
      RealMatrix j = w.partial(new Expr.Partial(at(state, newest.offset()), at(state, o)));
      RealMatrix carried = j.transpose().multiply(top);
      assertThat(ClaimEvaluation.difference(carried, w.adjoint(state, Time.t(o)))).as(state + " at t" + o)
          .isLessThan(TOLERANCE);
    }
  }

  @Test
  void theRnnStateJacobianCarriesTheLastLossBack() {
    carriesTheNewestAdjointBack(EngineTerms.rnn("tanh"), "s", 4);
    carriesTheNewestAdjointBack(EngineTerms.rnn("sigmoid"), "s", 3);
  }

  @Test
  void theLstmOutputJacobianFollowsEveryPathThroughTheCellState() {
    carriesTheNewestAdjointBack(new CellLibrary().load("lstm"), "h", 3);
  }

  @Test
  void aJacobianOfOneStepIsTheProductOfTheLocalOnes() {
    NumericWorld w = world(EngineTerms.rnn("tanh"), 3);
    RealMatrix two = w.partial(new Expr.Partial(at("s", 1), at("s", -1)));
    RealMatrix product = w.partial(new Expr.Partial(at("s", 1), at("s", 0)))
        .multiply(w.partial(new Expr.Partial(at("s", 0), at("s", -1))));
    assertThat(ClaimEvaluation.difference(two, product)).isLessThan(TOLERANCE);
    RealMatrix local = w.partial(new Expr.Partial(at("s", 1), at("z", 1)));
    for (int r = 0; r < local.getRowDimension(); r++) {
      for (int c = 0; c < local.getColumnDimension(); c++) {
        double s = w.evaluate(at("s", 1)).getEntry(r, 0);
        assertThat(local.getEntry(r, c)).as("tanh's Jacobian is diag(1 - s^2)").isCloseTo(r == c ? 1 - s * s : 0,
            org.assertj.core.data.Offset.offset(1e-12));
      }
    }
    assertThat(w.partial(new Expr.Partial(at("s", -1), at("s", 1))).getFrobeniusNorm()).as("an earlier state by a later one")
        .isZero();
  }

  @Test
  void theSoftmaxJacobianIsFullAndItsColumnsSumToZero() {
    NumericWorld w = world(EngineTerms.rnn("tanh"), 2);
    RealMatrix j = w.partial(new Expr.Partial(at("o", 1), at("q", 1)));
    assertThat(j.getRowDimension()).isEqualTo(4);
    double offDiagonal = 0;
    for (int c = 0; c < j.getColumnDimension(); c++) {
      double sum = 0;
      for (int r = 0; r < j.getRowDimension(); r++) {
        sum += j.getEntry(r, c);
        offDiagonal += r == c ? 0 : Math.abs(j.getEntry(r, c));
      }
      assertThat(sum).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThat(offDiagonal).isGreaterThan(1e-3);
  }

  @Test
  void primesPowersAndOuterProductsAreEvaluatedAsAuthorsMeanThem() {
    NumericWorld w = world(EngineTerms.rnn("tanh"), 2);
    Expr.Symbol z = at("z", 1);
    Expr.Symbol s = at("s", 1);
    RealMatrix prime = w.evaluate(new Expr.Apply("f'", List.of(z)));
    RealMatrix direct = w.evaluate(new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(s, 2)))));
    assertThat(ClaimEvaluation.difference(prime, direct)).isLessThan(TOLERANCE);
    Expr.Symbol weight = new Expr.Symbol("W", Optional.empty(), Expr.Role.PARAMETER);
    RealMatrix cube = w.evaluate(new Expr.Power(weight, 3));
    RealMatrix m = w.evaluate(weight);
    assertThat(ClaimEvaluation.difference(cube, m.multiply(m).multiply(m))).as("a matrix power").isLessThan(TOLERANCE);
    RealMatrix outer = w.evaluate(new Expr.Apply("otimes", List.of(s, at("x", 1))));
    assertThat(outer.getRowDimension()).isEqualTo(3);
    assertThat(outer.getColumnDimension()).isEqualTo(2);
  }
}
