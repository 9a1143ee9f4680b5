package dev.unroll.symbolic;

import dev.unroll.expr.Expr;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.UnrolledGraph;
import java.util.Locale;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Translates a concrete or matrix form ({@link Expr}) into Symja, given the value of every graph node:
 * a symbol with a time is the column vector of {@code graph.node(name, time)}, one without is the
 * parameter matrix; a juxtaposed product is the matrix product, {@link Expr.Transpose} makes rows, a
 * {@link Expr.Num} is a scalar that broadcasts (in a sum it is that number times a vector of ones),
 * {@link Expr.Power} and {@link Expr.Hadamard} act elementwise, {@link Expr.Diag} builds the diagonal
 * matrix, and {@code step(v)} is the Heaviside step of each entry (0 at 0). Any other function applies
 * Symja's built-in of that name (capitalised) to each entry. The lesson's chain notation
 * ({@link Expr.Partial}, chain-style products) has no value and is refused.
 */
final class ConcreteEvaluator {
  private final SymjaSession session;
  private final UnrolledGraph graph;
  private final Map<Node, SymbolicMatrix> values;
  private final Map<Expr, SymbolicMatrix> known;
  /** Each distinct subexpression's value, once: the terms of a sum repeat the same factors. */
  private final Map<Expr, SymbolicMatrix> memo = new java.util.HashMap<>();

  ConcreteEvaluator(SymjaSession session, UnrolledGraph graph, Map<Node, SymbolicMatrix> values) {
    this(session, graph, values, Map.of());
  }

  /**
   * @param known values of whole expressions, looked up before translating: the adjoints
   *     {@code \partial E/\partial v} already computed, which later adjoint equations name
   */
  ConcreteEvaluator(SymjaSession session, UnrolledGraph graph, Map<Node, SymbolicMatrix> values,
      Map<Expr, SymbolicMatrix> known) {
    this.session = session;
    this.graph = graph;
    this.values = values;
    this.known = known;
  }

  /**
   * The value of {@code e}, every entry evaluated. Each sum and product is evaluated as it is formed,
   * so a long product of matrices stays a matrix of values rather than a tree that repeats every
   * earlier partial product once per entry.
   */
  SymbolicMatrix evaluate(Expr e) {
    return translate(e).map(session::eval);
  }

  private SymbolicMatrix settled(SymbolicMatrix m) {
    return m.map(session::evalNumbers);
  }

  SymbolicMatrix translate(Expr e) {
    SymbolicMatrix given = known.get(e);
    if (given != null) {
      return given;
    }
    if (e instanceof Expr.Symbol) {
      return translateOnce(e);
    }
    SymbolicMatrix done = memo.get(e);
    if (done == null) {
      done = translateOnce(e);
      memo.put(e, done);
    }
    return done;
  }

  private SymbolicMatrix translateOnce(Expr e) {
    if (e instanceof Expr.Symbol s) {
      Node node = s.time().isPresent()
          ? graph.node(s.name(), s.time().get()).orElseThrow(() -> new IllegalArgumentException(
              "The expression names " + s.name() + "_" + s.time().get() + ", which the unrolled graph does not have."))
          : graph.param(s.name());
      SymbolicMatrix v = values.get(node);
      if (v == null) {
        throw new IllegalArgumentException("No value for " + node + ".");
      }
      return v;
    }
    if (e instanceof Expr.Num n) {
      return SymbolicMatrix.scalar(F.ZZ(n.value()));
    }
    if (e instanceof Expr.Sum s) {
      SymbolicMatrix out = translate(s.terms().get(0));
      for (int i = 1; i < s.terms().size(); i++) {
        out = out.plus(translate(s.terms().get(i)));
      }
      return settled(out);
    }
    if (e instanceof Expr.Negate n) {
      return translate(n.operand()).negate();
    }
    if (e instanceof Expr.Power p) {
      int k = p.exponent();
      return translate(p.base()).map(x -> F.Power(x, F.ZZ(k)));
    }
    if (e instanceof Expr.Transpose t) {
      return translate(t.operand()).transpose();
    }
    if (e instanceof Expr.Diag d) {
      return translate(d.operand()).diag();
    }
    if (e instanceof Expr.Hadamard h) {
      return settled(translate(h.left()).hadamard(translate(h.right())));
    }
    if (e instanceof Expr.Product p && p.style() == Expr.ProductStyle.JUXTAPOSE) {
      SymbolicMatrix out = translate(p.factors().get(0));
      for (int i = 1; i < p.factors().size(); i++) {
        out = settled(out.times(translate(p.factors().get(i))));
      }
      return out;
    }
    if (e instanceof Expr.Apply a && a.arguments().size() == 1) {
      SymbolicMatrix argument = translate(a.arguments().get(0));
      if (a.function().equals("step")) {
        return argument.map(x -> F.Piecewise(F.list(F.list(F.C1, F.Greater(x, F.C0))), F.C0));
      }
      IExpr head = session.parse(a.function().substring(0, 1).toUpperCase(Locale.ROOT) + a.function().substring(1));
      if (!head.isBuiltInSymbol()) {
        throw new IllegalArgumentException("The function " + a.function() + " has no Symja counterpart.");
      }
      return argument.map(x -> F.unaryAST1(head, x));
    }
    throw new IllegalArgumentException("The expression " + e + " is not a concrete or matrix form (chain notation "
        + "and partial derivatives have no value).");
  }
}
