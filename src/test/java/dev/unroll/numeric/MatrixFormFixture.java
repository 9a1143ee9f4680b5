package dev.unroll.numeric;

import dev.unroll.derive.Derivation;
import dev.unroll.derive.Factor;
import dev.unroll.derive.Term;
import dev.unroll.derive.Terminal;
import dev.unroll.expr.Expr;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the matrix form (column gradients) of a derivation as an Expr, the way bptt-math.md writes
 * it: {@code D_k W^T ... D_{t+1} V^T (o_{t+1} - y_{t+1}) s_{k-1}^T} per term, terms summed. Stands in
 * for {@code derive.Forms.matrixSum} until that lands on main, so the evaluator is tested on
 * hand-built expressions the tests can break on purpose.
 */
final class MatrixFormFixture {
  private MatrixFormFixture() {}

  static Expr sum(Derivation d) {
    return Expr.sum(d.terms().stream().map(MatrixFormFixture::term).toList());
  }

  static Expr term(Term t) {
    List<Factor> factors = t.factors();
    List<Expr> columns = new ArrayList<>();
    int k = 0;
    if (factors.size() >= 2 && factors.get(0) instanceof Factor.Local e && e.output().op() == Op.CROSSENTROPY
        && factors.get(1) instanceof Factor.Local s && s.output().op() == Op.SOFTMAX) {
      // dE/dq = o - y: the softmax and cross-entropy Jacobians fold into one column.
      columns.add(new Expr.Sum(List.of(symbol(s.output()), new Expr.Negate(symbol(e.output().input(1))))));
      k = 2;
    }
    for (; k < factors.size(); k++) {
      columns.add(transposed(factors.get(k)));
    }
    Collections.reverse(columns);
    if (t.end() instanceof Terminal.OtherInput o) {
      columns.add(new Expr.Transpose(symbol(o.vector())));
    }
    return Expr.juxtapose(columns);
  }

  /** The transpose of a factor's Jacobian. */
  private static Expr transposed(Factor f) {
    if (f instanceof Factor.Through t) {
      return new Expr.Transpose(Expr.Symbol.param(t.matrix().name().orElseThrow().name()));
    }
    if (f instanceof Factor.Local l && l.output().op() == Op.ACTIVATION) {
      Expr s = symbol(l.output());
      Expr one = new Expr.Num(1);
      return new Expr.Diag(switch (l.output().function()) {
        case "tanh" -> new Expr.Sum(List.of(one, new Expr.Negate(new Expr.Power(s, 2))));
        case "sigmoid" -> new Expr.Hadamard(s, new Expr.Sum(List.of(one, new Expr.Negate(s))));
        case "relu" -> new Expr.Apply("step", List.of(symbol(l.input())));
        default -> one;
      });
    }
    throw new IllegalArgumentException("The fixture does not write " + f + ".");
  }

  static Expr.Symbol symbol(Node n) {
    return n.name().orElseThrow(() -> new IllegalArgumentException("Unnamed node " + n));
  }
}
