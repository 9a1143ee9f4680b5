package dev.unroll.verify;

import dev.unroll.derive.Forms;
import dev.unroll.derive.Term;
import dev.unroll.derive.Terminal;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.List;

/**
 * Writes an engine term the way the author writes terms, for the "right" LaTeX of a finding: in the
 * chain notation closed by its outer product ({@code (dE/do . do/dq . V . ds/dz)^T s^T}) or in
 * matrix form ({@code diag(1 - s_t^2) W^T ... V^T (o - y) s^T}), both built by {@code derive.Forms},
 * with times moved back to the author's.
 */
final class EngineForms {
  private final Forms forms;
  private final int shift;

  /** @param shift what was added to the author's times to reach the engine's; subtracted here */
  EngineForms(Forms forms, int shift) {
    this.forms = forms;
    this.shift = shift;
  }

  /** The term in the author's form. */
  Expr write(Term term, WrittenTerm.Form form) {
    return form == WrittenTerm.Form.MATRIX ? matrix(term) : chain(term);
  }

  Expr chain(Term term) {
    Expr chain = forms.chain(term.chain());
    if (term.end() instanceof Terminal.OtherInput o) {
      return Rewrite.shift(Expr.juxtapose(List.of(new Expr.Transpose(chain), new Expr.Transpose(o.vector().label()))),
          -shift);
    }
    return Rewrite.shift(chain, -shift);
  }

  Expr matrix(Term term) {
    return Rewrite.shift(forms.matrix(term), -shift);
  }
}
