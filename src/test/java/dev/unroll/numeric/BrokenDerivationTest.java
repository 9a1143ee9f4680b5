package dev.unroll.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.derive.Chain;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Factor;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Term;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.symbolic.SymjaCalculus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A derivation broken on purpose must fail the check, and the report must name the parameter, the
 * entry, the term and the two values (what users of gradient checkers ask for, pytorch #2710).
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class BrokenDerivationTest {
  private final Cases.Case c = Cases.of(11, 4, 3, 3, 4, "tanh", LossKind.LAST);
  private final Derivation w = c.derivations().get(1);
  private final Forms forms = new Forms(new SymjaCalculus(c.graph().cell().activations()));

  @Test
  void theUnbrokenMatrixFormPasses() {
    CheckReport r = check(forms.matrixSum(w));
    assertThat(r.passed()).isTrue();
    assertThat(r.worst(Source.MATRIX_FORM, "W").getAsDouble()).isLessThan(Source.EXACT);
    assertThat(r.diagnoses()).isEmpty();
  }

  @Test
  void wWhereWTransposedBelongsFailsAndNamesTheTerm() {
    // Term 3 of 4 reaches two stages back: D_{t-1} W^T D_t W^T delta s_{t-2}^T.
    Expr broken = editTerm(3, t -> Rewrite.bottomUp(t, x -> x instanceof Expr.Transpose tr
        && tr.operand() instanceof Expr.Symbol s && s.name().equals("W") ? s : x));
    assertNamesTerm(check(broken), Source.MATRIX_FORM, 3);
  }

  @Test
  void aTransposedWInTheConcreteRowChainFailsAndNamesTheTerm() {
    // The row chain (o - y)^T V D_{t+1} W D_t ... multiplies by W itself; W^T there is wrong.
    List<Expr> terms = new ArrayList<>(ExprEvaluator.terms(forms.concreteSum(w)));
    terms.set(1, Rewrite.bottomUp(terms.get(1), x -> x instanceof Expr.Symbol s && s.name().equals("W") && s.time().isEmpty()
        ? new Expr.Transpose(s) : x));
    CheckReport r = new NumericCheck().run(CheckInput.of(c.graph(), c.params(), c.loss(), List.of(w))
        .withForms(Map.of("W", Expr.sum(terms)), Map.of()));
    assertNamesTerm(r, Source.CONCRETE_FORM, 2);
  }

  @Test
  void aDroppedFactorFailsAndNamesTheTerm() {
    Expr broken = editTerm(2, t -> {
      Expr.Product p = (Expr.Product) t;
      List<Expr> factors = new ArrayList<>(p.factors());
      factors.remove(0); // the activation's Jacobian D_t
      return Expr.juxtapose(factors);
    });
    assertNamesTerm(check(broken), Source.MATRIX_FORM, 2);
  }

  @Test
  void aWrongTimeIndexFailsAndNamesTheTerm() {
    // s_{k-1}^T written as s_k^T in the term of stage t.
    Expr broken = editTerm(2, t -> {
      Expr.Product p = (Expr.Product) t;
      List<Expr> factors = new ArrayList<>(p.factors());
      Expr last = factors.remove(factors.size() - 1);
      factors.add(Rewrite.shift(last, 1));
      return Expr.juxtapose(factors);
    });
    assertNamesTerm(check(broken), Source.MATRIX_FORM, 2);
  }

  @Test
  void aDerivationWithAFactorDroppedFailsTheDerivedSumAndNamesTheTerm() {
    List<Term> terms = new ArrayList<>(w.terms());
    Term t = terms.get(3);
    Chain shorter = Chain.empty();
    List<Factor> factors = t.factors();
    for (int i = 0; i < factors.size(); i++) {
      if (i != factors.size() - 1) { // drop the last activation Jacobian, ds_{t-2}/dz_{t-2}
        shorter = shorter.then(factors.get(i));
      }
    }
    terms.set(3, new Term(t.loss(), shorter, t.end()));
    Derivation broken = new Derivation(w.graph(), w.parameter(), w.loss(), terms, w.walk());
    CheckReport r = new NumericCheck().run(CheckInput.of(c.graph(), c.params(), c.loss(), List.of(broken)));
    assertNamesTerm(r, Source.DERIVED_SUM, 4);
  }

  private CheckReport check(Expr matrixForm) {
    return new NumericCheck().run(CheckInput.of(c.graph(), c.params(), c.loss(), List.of(w))
        .withForms(Map.of(), Map.of("W", matrixForm)));
  }

  private Expr editTerm(int oneBased, UnaryOperator<Expr> edit) {
    List<Expr> terms = new ArrayList<>(ExprEvaluator.terms(forms.matrixSum(w)));
    terms.set(oneBased - 1, edit.apply(terms.get(oneBased - 1)));
    return Expr.sum(terms);
  }

  private static void assertNamesTerm(CheckReport r, Source source, int term) {
    assertThat(r.passed()).isFalse();
    assertThat(r.failures()).extracting(Discrepancy::source, Discrepancy::parameter).containsExactly(org.assertj.core.groups.Tuple.tuple(source, "W"));
    Discrepancy failure = r.failures().get(0);
    assertThat(failure.relativeError()).isGreaterThan(1e-6);
    assertThat(r.diagnoses()).hasSize(1);
    Diagnosis d = r.diagnoses().get(0);
    assertThat(d.parameter()).isEqualTo("W");
    assertThat(d.entry()).isEqualTo(failure.worst());
    assertThat(d.terms()).containsExactly(term);
    assertThat(d.termCount()).isEqualTo(4);
    assertThat(Math.abs(d.value() - d.expected())).isGreaterThan(1e-9);
    assertThat(d.describe())
        .contains(source.label(), "W[" + d.entry().row() + "][" + d.entry().col() + "]", "term " + term + " of 4")
        .contains(Double.toString(d.value()), Double.toString(d.expected()));
  }
}
