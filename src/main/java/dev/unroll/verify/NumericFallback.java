package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.numeric.Backprop;
import dev.unroll.numeric.ExprEvaluator;
import dev.unroll.numeric.Params;
import dev.unroll.numeric.ParamsGenerator;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;

/**
 * When a claim's structure cannot be matched factor by factor (elementwise products where the
 * lesson's factors would be, unusual grouping), evaluates both sides on random weights with the
 * numeric check: the written right-hand side with {@code numeric.ExprEvaluator} (symbols mapped to
 * the cell's values, times moved to the engine's), the true gradient with {@code numeric.Backprop}.
 * Sizes H = 3, D = 2, K = 4 and seed 20260101 are fixed, so the verdict is the same on every run.
 */
final class NumericFallback {
  /** Relative differences below this are agreement: float64 rounding over a few dozen products. */
  static final double TOLERANCE = 1e-9;
  private static final long SEED = 20260101L;
  private static final Map<String, Integer> SIZES = Map.of("H", 3, "D", 2, "K", 4);

  /** The outcome: the relative difference, or why there is none. */
  record Outcome(double relativeDifference, String problem) {
    boolean evaluated() {
      return problem.isEmpty();
    }
  }

  private final Notation notation;
  private final String activation;

  NumericFallback(Notation notation, String activation) {
    this.notation = notation;
    this.activation = activation;
  }

  Outcome compare(Claim claim, int steps) {
    try {
      CellDefinition cell = EngineTerms.rnn(activation);
      UnrolledGraph graph = new Unroller().unroll(cell, steps);
      Params params = new ParamsGenerator(cell).generate(SEED, SIZES, steps, activation);
      Backprop.Result truth = new Backprop().run(graph, params, claim.loss());
      RealMatrix want = truth.gradients().get(claim.parameter());
      RealMatrix got = new ExprEvaluator(truth.tape()).evaluate(toCell(claim.rhs(), claim.shift()));
      if (got.getRowDimension() != want.getRowDimension() || got.getColumnDimension() != want.getColumnDimension()) {
        return new Outcome(Double.NaN, "the written side is " + got.getRowDimension() + " x " + got.getColumnDimension()
            + " where the gradient is " + want.getRowDimension() + " x " + want.getColumnDimension());
      }
      double norm = want.getFrobeniusNorm();
      double diff = got.subtract(want).getFrobeniusNorm();
      return new Outcome(norm == 0 ? diff : diff / norm, "");
    } catch (dev.unroll.numeric.ShapeException e) {
      return new Outcome(Double.NaN, "it has " + e.shapes());
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Outcome(Double.NaN, why.endsWith(".") ? why.substring(0, why.length() - 1) : why);
    }
  }

  /** The author's expression with the cell's names and the engine's times. */
  private Expr toCell(Expr e, int shift) {
    return Rewrite.shift(notation.toCell(e), shift);
  }


}
