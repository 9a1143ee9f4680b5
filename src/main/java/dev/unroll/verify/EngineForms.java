package dev.unroll.verify;

import dev.unroll.derive.Factor;
import dev.unroll.derive.Term;
import dev.unroll.derive.Terminal;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.unroll.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes an engine term the way the author writes terms, for the "right" LaTeX of a finding: in the
 * chain notation ({@code (dE/do . do/dq . V . ds/dz)^T s^T}, or with {@code \otimes} if the author
 * uses it) or in matrix form ({@code diag(1 - s_t^2) W^T ... V^T (o - y) s^T}), with times moved back
 * to the author's. {@code derive.Forms} (now on main) writes the chain with a plain product at the end
 * and needs a {@code LocalCalculus} for the matrix form; until {@code symbolic.SymjaCalculus} lands,
 * the activation derivatives here are written from the activation's name.
 */
final class EngineForms {
  private final String activation;
  private final int shift;

  /** @param shift what was added to the author's times to reach the engine's; subtracted here */
  EngineForms(String activation, int shift) {
    this.activation = activation;
    this.shift = shift;
  }

  /** The term in the author's form. */
  Expr write(Term term, WrittenTerm.Form form) {
    return form == WrittenTerm.Form.MATRIX ? matrix(term) : chain(term);
  }

  Expr chain(Term term) {
    List<Expr> factors = new ArrayList<>();
    for (Factor f : term.factors()) {
      if (f instanceof Factor.Local l) {
        factors.add(new Expr.Partial(symbol(l.output()), symbol(l.input())));
      } else if (f instanceof Factor.Through t) {
        factors.add(symbol(t.matrix()));
      }
    }
    Expr chain = Expr.chain(factors);
    if (term.end() instanceof Terminal.OtherInput o) {
      Expr v = symbol(o.vector());
      return Expr.juxtapose(List.of(new Expr.Transpose(chain), new Expr.Transpose(v)));
    }
    return chain;
  }

  Expr matrix(Term term) {
    List<Expr> factors = new ArrayList<>();
    List<Factor> fs = term.factors();
    for (int i = 0; i < fs.size(); i++) {
      Factor f = fs.get(i);
      if (f instanceof Factor.Local l && l.output().op() == dev.unroll.unroll.Op.CROSSENTROPY
          && i + 1 < fs.size() && fs.get(i + 1) instanceof Factor.Local next
          && next.output().op() == dev.unroll.unroll.Op.SOFTMAX) {
        factors.add(Expr.sum(List.of(symbol(next.output()), new Expr.Negate(symbol(l.output().input(1))))));
        i++;
      } else if (f instanceof Factor.Local l && l.output().op() == dev.unroll.unroll.Op.ACTIVATION) {
        factors.add(new Expr.Diag(derivative(symbol(l.output()), symbol(l.input()))));
      } else if (f instanceof Factor.Local l) {
        factors.add(new Expr.Partial(symbol(l.output()), symbol(l.input())));
      } else if (f instanceof Factor.Through t) {
        factors.add(new Expr.Transpose(symbol(t.matrix())));
      }
    }
    Collections.reverse(factors);
    if (term.end() instanceof Terminal.OtherInput o) {
      factors.add(new Expr.Transpose(symbol(o.vector())));
    }
    return Expr.juxtapose(factors);
  }

  private Expr derivative(Expr s, Expr z) {
    return switch (activation) {
      case "tanh" -> Expr.sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(s, 2))));
      case "sigmoid" -> new Expr.Hadamard(s, Expr.sum(List.of(new Expr.Num(1), new Expr.Negate(s))));
      default -> new Expr.Apply(activation + "'", List.of(z));
    };
  }

  private Expr symbol(Node n) {
    Expr.Symbol s = n.name().orElseGet(() -> Expr.Symbol.param("?" + n.id()));
    return Rewrite.shift(s, -shift);
  }
}
