package dev.unroll.numeric;

import dev.unroll.expr.Expr;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;

/**
 * Evaluates an {@link AdjointForm} with the values of a forward pass: each adjoint equation in order,
 * its value kept under its left-hand side so that later equations (and the gradients) read it, then
 * every parameter's gradient. This is the engine's derived gradient for cells whose expanded sum is
 * too large to evaluate term by term (an LSTM over 50 stages has more paths than a long can count).
 */
public final class AdjointEvaluator {
  /** The value of every adjoint (a column), keyed by its left-hand side, in the form's order. */
  public Map<Expr, RealMatrix> adjoints(AdjointForm form, Tape tape) {
    Map<Expr, RealMatrix> values = new LinkedHashMap<>();
    ExprEvaluator evaluator = new ExprEvaluator(tape, values);
    for (AdjointForm.Equation e : form.equations()) {
      values.put(e.lhs(), evaluator.evaluate(e.rhs()));
    }
    return values;
  }

  /** dE/dP per parameter name, in the form's order, each shaped like its parameter. */
  public Map<String, RealMatrix> gradients(AdjointForm form, Tape tape) {
    Map<Expr, RealMatrix> values = adjoints(form, tape);
    ExprEvaluator evaluator = new ExprEvaluator(tape, values);
    Map<String, RealMatrix> out = new LinkedHashMap<>();
    form.gradients().forEach((name, g) -> out.put(name, shaped(evaluator.evaluate(g), tape.weight(name), name)));
    return out;
  }

  /** A gradient that is the number 0 (a parameter that never reaches the loss) becomes a zero matrix. */
  private static RealMatrix shaped(RealMatrix value, RealMatrix weight, String name) {
    int rows = weight.getRowDimension();
    int cols = weight.getColumnDimension();
    if (value.getRowDimension() == rows && value.getColumnDimension() == cols) {
      return value;
    }
    if (value.getRowDimension() == 1 && value.getColumnDimension() == 1 && value.getEntry(0, 0) == 0) {
      return org.hipparchus.linear.MatrixUtils.createRealMatrix(rows, cols);
    }
    throw new IllegalArgumentException("The adjoint form of d/d" + name + " evaluates to a " + value.getRowDimension() + " x "
        + value.getColumnDimension() + " matrix, but " + name + " is " + rows + " x " + cols + ".");
  }
}
