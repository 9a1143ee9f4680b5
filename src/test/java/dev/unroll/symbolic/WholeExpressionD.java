package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.UnrolledGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The cross-check's former route, kept for one test: Symja's {@code D} of the whole unrolled loss,
 * built as one expression of the entry being differentiated (every other leaf an exact rational),
 * then evaluated at the entry's value with {@code N[..., 50]}. Its size grows with the number of paths
 * through the graph, so it is only run at small N.
 */
final class WholeExpressionD {
  private final SymjaSession session;
  private final GraphEvaluator evaluator;
  private final ISymbol entry = F.symbol("entry");

  WholeExpressionD(SymjaSession session, Map<String, Activation> activations) {
    this.session = session;
    this.evaluator = new GraphEvaluator(session, activations);
  }

  /** D of the loss with respect to every entry of the parameter, at the exact leaves. */
  IExpr[][] derivatives(Derivation derivation, Map<Node, SymbolicMatrix> leaves) {
    return session.withPrecision(SymbolicCrossCheck.DIGITS, () -> {
      UnrolledGraph graph = derivation.graph();
      Node param = derivation.parameter();
      List<Node> losses = derivation.loss() == LossKind.LAST ? List.of(graph.lastLoss()) : graph.losses();
      SymbolicMatrix value = leaves.get(param);
      IExpr[][] out = new IExpr[value.rows()][value.cols()];
      for (int i = 0; i < value.rows(); i++) {
        for (int j = 0; j < value.cols(); j++) {
          IExpr[][] withSymbol = new IExpr[value.rows()][value.cols()];
          for (int r = 0; r < value.rows(); r++) {
            for (int c = 0; c < value.cols(); c++) {
              withSymbol[r][c] = r == i && c == j ? entry : value.get(r, c);
            }
          }
          Map<Node, SymbolicMatrix> symbolic = new HashMap<>(leaves);
          symbolic.put(param, SymbolicMatrix.of(withSymbol));
          Map<Node, SymbolicMatrix> values = evaluator.forward(graph, symbolic, Map.of(), n -> true);
          IExpr loss = session.eval(F.Plus(losses.stream().map(l -> values.get(l).get(0, 0)).toArray(IExpr[]::new)));
          IExpr derivative = session.eval(F.D(loss, entry));
          out[i][j] = session.eval(F.N(F.subst(derivative, Map.of(entry, value.get(i, j))), F.ZZ(SymbolicCrossCheck.DIGITS)));
        }
      }
      return out;
    });
  }
}
