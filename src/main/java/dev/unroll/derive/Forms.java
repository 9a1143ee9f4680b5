package dev.unroll.derive;

import dev.unroll.expr.Expr;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The three notations of one derivation, each built from the same terms:
 *
 * <ol>
 *   <li><b>chain</b>: the reference lesson's notation, the factors in walk order joined by a product
 *       dot, ending in the multiplication gate's other input ({@code ... \cdot s_{t-1}});
 *   <li><b>concrete</b>: the same chain read as a row-vector (numerator-layout) Jacobian product with
 *       every local gradient written out ({@code (o - y)^T}, {@code diag(1 - s^2)}), the weight term
 *       an outer product {@code r^T s_{k-1}^T} (bptt-math.md, "Three ways", 1 and 2);
 *   <li><b>matrix</b>: column gradients, the transposed Jacobians in reverse order
 *       ({@code diag(1 - s_t^2) W^T ... V^T (o - y) s_{t-1}^T}, bptt-math.md, 3).
 * </ol>
 *
 * Concrete and matrix terms evaluate to a matrix shaped like the parameter.
 */
public final class Forms {
  private final LocalCalculus calculus;

  public Forms(LocalCalculus calculus) {
    this.calculus = Objects.requireNonNull(calculus, "calculus");
  }

  // ---- chain notation ----------------------------------------------------------------------

  /** The gradient so far, as the lesson writes it while it walks. */
  public Expr chain(Chain chain) {
    List<Expr> factors = new ArrayList<>();
    int negatives = 0;
    for (Factor f : chain.factors()) {
      if (f instanceof Factor.Negative) {
        negatives++;
      } else {
        factors.add(chainFactor(f));
      }
    }
    return sign(Expr.chain(factors), negatives);
  }

  public Expr chain(Term term) {
    List<Expr> factors = new ArrayList<>();
    Expr prefix = chain(term.chain());
    boolean negative = prefix instanceof Expr.Negate;
    Expr unsigned = negative ? ((Expr.Negate) prefix).operand() : prefix;
    if (unsigned instanceof Expr.Product p) {
      factors.addAll(p.factors());
    } else {
      factors.add(unsigned);
    }
    Terminal end = term.end();
    if (end instanceof Terminal.OtherInput o) {
      factors.add(o.vector().label());
    } else if (end instanceof Terminal.ElementwiseWith e) {
      factors.add(e.other().label());
    }
    return sign(Expr.chain(factors), negative ? 1 : 0);
  }

  public Expr chainSum(Derivation d) {
    return Expr.sum(d.terms().stream().map(this::chain).toList());
  }

  private static Expr chainFactor(Factor f) {
    if (f instanceof Factor.Local l) {
      return new Expr.Partial(l.output().label(), l.input().label());
    }
    if (f instanceof Factor.Through t) {
      return t.matrix().label();
    }
    if (f instanceof Factor.Elementwise e) {
      return new Expr.Diag(e.other().label());
    }
    throw new IllegalStateException("No chain spelling for " + f);
  }

  // ---- concrete factors, row-vector chain --------------------------------------------------

  /** The Jacobians of a chain in walk order, with the loss and softmax gates fused where they meet. */
  public List<Expr> jacobians(Chain chain) {
    List<Factor> factors = chain.factors();
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < factors.size(); i++) {
      Factor f = factors.get(i);
      if (fusesWithNext(factors, i)) {
        Node loss = ((Factor.Local) f).output();
        Node softmax = ((Factor.Local) factors.get(i + 1)).output();
        out.add(new Expr.Transpose(calculus.softmaxCrossEntropyGradient(softmax.label(), loss.input(1).label())));
        i++;
      } else if (!(f instanceof Factor.Negative)) {
        out.add(jacobian(f));
      }
    }
    return out;
  }

  /** The row-vector gradient of the chain: the product of its Jacobians, signed. */
  public Expr concrete(Chain chain) {
    return sign(Expr.juxtapose(nonEmpty(jacobians(chain))), negatives(chain));
  }

  public Expr concrete(Term term) {
    // Kept as (row)^T rather than multiplied out, so the row-vector chain stays visible.
    Expr row = concrete(term.chain());
    boolean negative = row instanceof Expr.Negate;
    Expr unsigned = negative ? ((Expr.Negate) row).operand() : row;
    Expr column = unsigned instanceof Expr.Transpose t ? t.operand() : new Expr.Transpose(unsigned);
    return end(sign(column, negative ? 1 : 0), term.end());
  }

  public Expr concreteSum(Derivation d) {
    return Expr.sum(d.terms().stream().map(this::concrete).toList());
  }

  // ---- matrix form, column gradients -------------------------------------------------------

  /** The column gradient of the chain: transposed Jacobians in reverse order. */
  public Expr matrix(Chain chain) {
    List<Expr> jac = jacobians(chain);
    List<Expr> reversed = new ArrayList<>();
    for (Expr j : jac) {
      reversed.add(transpose(j));
    }
    Collections.reverse(reversed);
    return sign(Expr.juxtapose(nonEmpty(reversed)), negatives(chain));
  }

  public Expr matrix(Term term) {
    return end(matrix(term.chain()), term.end());
  }

  public Expr matrixSum(Derivation d) {
    return Expr.sum(d.terms().stream().map(this::matrix).toList());
  }

  // ---- the recurrence between consecutive terms ------------------------------------------

  /**
   * The factor each term adds to the one before, when every term extends the previous term's chain
   * by the same factors one stage further back (checked here, term by term).
   */
  public java.util.Optional<Recurrence> recurrence(Derivation d) {
    List<Term> terms = d.terms();
    if (terms.size() < 2 || terms.stream().anyMatch(t -> !t.loss().equals(terms.get(0).loss())
        || t.end() instanceof Terminal.ElementwiseWith)) {
      return java.util.Optional.empty();
    }
    Expr chainFactor = null;
    Expr columnFactor = null;
    Expr end = null;
    for (int i = 0; i < terms.size(); i++) {
      Term term = terms.get(i);
      dev.unroll.expr.Time stage = term.end().gate().stage().orElseThrow();
      Expr thisEnd = dev.unroll.expr.Rewrite.retime(endOf(term.end()), stage, Recurrence.K);
      if (end != null && !end.equals(thisEnd)) {
        return java.util.Optional.empty();
      }
      end = thisEnd;
      if (i == 0) {
        continue;
      }
      List<Factor> before = terms.get(i - 1).factors();
      List<Factor> after = term.factors();
      if (after.size() <= before.size() || !after.subList(0, before.size()).equals(before)) {
        return java.util.Optional.empty();
      }
      Chain extra = Chain.of(after.subList(before.size(), after.size()));
      Expr c = dev.unroll.expr.Rewrite.retime(chain(extra), stage, Recurrence.K);
      Expr m = dev.unroll.expr.Rewrite.retime(matrix(extra), stage, Recurrence.K);
      if (chainFactor != null && (!chainFactor.equals(c) || !columnFactor.equals(m))) {
        return java.util.Optional.empty();
      }
      chainFactor = c;
      columnFactor = m;
    }
    return java.util.Optional.of(new Recurrence(chainFactor, columnFactor, chain(terms.get(0).chain()),
        matrix(terms.get(0).chain()),
        terms.get(0).end().gate().stage().orElseThrow(),
        terms.get(terms.size() - 1).end().gate().stage().orElseThrow(),
        end instanceof Expr.Num ? java.util.Optional.empty() : java.util.Optional.of(end)));
  }

  private static Expr endOf(Terminal end) {
    if (end instanceof Terminal.OtherInput o) {
      return o.vector().label();
    }
    if (end instanceof Terminal.ElementwiseWith e) {
      return e.other().label();
    }
    return new Expr.Num(1);
  }

  /** Appends the parameter's end of a term to a column gradient: outer product, itself, or elementwise. */
  private static Expr end(Expr column, Terminal end) {
    if (end instanceof Terminal.OtherInput o) {
      return append(column, new Expr.Transpose(o.vector().label()));
    }
    if (end instanceof Terminal.ElementwiseWith e) {
      return new Expr.Hadamard(column, e.other().label());
    }
    return column;
  }

  private static Expr append(Expr product, Expr last) {
    List<Expr> factors = new ArrayList<>();
    boolean negative = product instanceof Expr.Negate;
    Expr unsigned = negative ? ((Expr.Negate) product).operand() : product;
    if (unsigned instanceof Expr.Product p && p.style() == Expr.ProductStyle.JUXTAPOSE) {
      factors.addAll(p.factors());
    } else {
      factors.add(unsigned);
    }
    factors.add(last);
    return sign(Expr.juxtapose(factors), negative ? 1 : 0);
  }

  private Expr jacobian(Factor f) {
    if (f instanceof Factor.Local l) {
      return localJacobian(l);
    }
    if (f instanceof Factor.Through t) {
      return t.matrix().label();
    }
    if (f instanceof Factor.Elementwise e) {
      return new Expr.Diag(e.other().label());
    }
    throw new IllegalStateException("No Jacobian for " + f);
  }

  private Expr localJacobian(Factor.Local l) {
    Node gate = l.output();
    Expr out = gate.label();
    if (gate.op() == Op.ACTIVATION) {
      return new Expr.Diag(calculus.activationDerivative(gate.function(), out, l.input().label()));
    }
    if (gate.op() == Op.SOFTMAX) {
      // d softmax(q) / dq = diag(o) - o o^T: not elementwise (bptt-math.md, "Three ways", 2).
      return new Expr.Sum(List.of(new Expr.Diag(out),
          new Expr.Negate(Expr.juxtapose(List.of(out, new Expr.Transpose(out))))));
    }
    if (gate.op() == Op.CROSSENTROPY) {
      // dE/do for E = -y^T log o is the row -(y / o)^T, written y (.) o^(-1).
      Expr o = gate.input(0).label();
      Expr y = gate.input(1).label();
      return new Expr.Negate(new Expr.Transpose(new Expr.Hadamard(y, new Expr.Power(o, -1))));
    }
    throw new IllegalStateException("No local Jacobian for the gate " + gate);
  }

  private static boolean fusesWithNext(List<Factor> factors, int i) {
    return i + 1 < factors.size()
        && factors.get(i) instanceof Factor.Local ce && ce.output().op() == Op.CROSSENTROPY
        && factors.get(i + 1) instanceof Factor.Local sm && sm.output().op() == Op.SOFTMAX
        && ce.input().equals(sm.output());
  }

  /** The transpose, with the identities that keep the printed form short. */
  public static Expr transpose(Expr e) {
    if (e instanceof Expr.Transpose t) {
      return t.operand();
    }
    if (e instanceof Expr.Diag || e instanceof Expr.Num) {
      return e;
    }
    if (e instanceof Expr.Negate n) {
      return new Expr.Negate(transpose(n.operand()));
    }
    if (e instanceof Expr.Sum s && s.terms().get(0) instanceof Expr.Diag && s.terms().size() == 2
        && s.terms().get(1) instanceof Expr.Negate) {
      return e; // the softmax Jacobian diag(o) - o o^T is symmetric
    }
    if (e instanceof Expr.Product p && p.style() == Expr.ProductStyle.JUXTAPOSE) {
      List<Expr> reversed = new ArrayList<>();
      for (Expr f : p.factors()) {
        reversed.add(transpose(f));
      }
      Collections.reverse(reversed);
      return Expr.juxtapose(reversed);
    }
    return new Expr.Transpose(e);
  }

  private static List<Expr> nonEmpty(List<Expr> factors) {
    return factors.isEmpty() ? List.of(new Expr.Num(1)) : factors;
  }

  private static int negatives(Chain chain) {
    return (int) chain.factors().stream().filter(f -> f instanceof Factor.Negative).count();
  }

  private static Expr sign(Expr e, int negatives) {
    return negatives % 2 == 1 ? new Expr.Negate(e) : e;
  }
}
