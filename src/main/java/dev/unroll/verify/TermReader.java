package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads one written term into a {@link WrittenTerm}: maps the author's symbols to cell variables
 * through the notation (an unknown symbol is read as its nearest known one; the caller reports it),
 * moves every time by {@code shift} so that the author's loss stage becomes the engine's {@code t+1},
 * recognises concrete factors ({@code diag(1 - s_t^2)}, {@code f'(z_t)}, {@code o_t - y_t}) and
 * decides the convention: a term that starts at the loss, or is wrapped as {@code (...)^T s^T}, is
 * in the chain notation; one ending in a transposed vector otherwise is in matrix form.
 */
final class TermReader {
  private final Notation notation;
  private final int shift;
  private final ParsedMath parsed;

  TermReader(Notation notation, int shift, ParsedMath parsed) {
    this.notation = notation;
    this.shift = shift;
    this.parsed = parsed;
  }

  WrittenTerm read(Expr term, int fallback) {
    int start = parsed.offset(term, fallback);
    List<Link> links = new ArrayList<>();
    Expr body = term;
    WrittenTerm.Join join = WrittenTerm.Join.NONE;
    Optional<Link> end = Optional.empty();
    boolean wrapped = false;
    if (term instanceof Expr.Apply a && a.function().equals("otimes") && a.arguments().size() == 2) {
      flatten(a.arguments().get(0), links, start);
      Optional<Link> v = vector(a.arguments().get(1), start);
      if (v.isPresent()) {
        return new WrittenTerm(WrittenTerm.Form.CHAIN, links, v, WrittenTerm.Join.OUTER, start);
      }
      links.add(Link.unknown("\\otimes", start));
      flatten(a.arguments().get(1), links, start);
      return new WrittenTerm(WrittenTerm.Form.CHAIN, links, Optional.empty(), WrittenTerm.Join.NONE, start);
    }
    List<Expr> factors = term instanceof Expr.Product p ? p.factors() : List.of(body);
    for (int i = 0; i < factors.size(); i++) {
      Expr f = factors.get(i);
      boolean last = i == factors.size() - 1;
      if (i == 0 && f instanceof Expr.Transpose t && t.operand() instanceof Expr.Product inner && factors.size() == 2) {
        wrapped = true;
        flatten(inner, links, start);
        continue;
      }
      if (last && factors.size() > 1) {
        Optional<Link> v = vector(f, start);
        if (v.isPresent()) {
          end = v;
          continue;
        }
      }
      flatten(f, links, start);
    }
    // Only a written partial starts the chain notation: a concrete o - y first is matrix form read backwards.
    boolean startsAtLoss = !links.isEmpty() && links.get(0).kind() == Link.Kind.PARTIAL
        && Link.variable(links.get(0).from()).equals("E") && factors.get(0) instanceof Expr.Partial;
    // Chain notation shows itself by a written partial of the loss first or by (...)^T s^T; matrix
    // form by a transposed end, a transposed matrix or a concrete factor (diag(...), o - y).
    boolean chainEvidence = wrapped || startsAtLoss;
    boolean matrixEvidence = end.isPresent() && end.get().transposed()
        || links.stream().anyMatch(l -> l.kind() == Link.Kind.MATRIX && l.transposed())
        || factors.stream().anyMatch(f -> f instanceof Expr.Diag || f instanceof Expr.Sum);
    WrittenTerm.Form form = !chainEvidence && matrixEvidence ? WrittenTerm.Form.MATRIX : WrittenTerm.Form.CHAIN;
    if (form == WrittenTerm.Form.MATRIX) {
      Collections.reverse(links);
    }
    if (end.isPresent()) {
      boolean transposed = end.get().transposed();
      if (form == WrittenTerm.Form.MATRIX || wrapped) {
        join = transposed ? WrittenTerm.Join.OUTER : WrittenTerm.Join.UNTRANSPOSED;
      } else {
        join = WrittenTerm.Join.PLAIN;
      }
    }
    return new WrittenTerm(form, links, end, join, start);
  }

  /** A per-stage vector, possibly transposed: the end of a weight term. */
  private Optional<Link> vector(Expr e, int fallback) {
    boolean transposed = false;
    Expr x = e;
    if (x instanceof Expr.Transpose t) {
      transposed = true;
      x = t.operand();
    }
    if (x instanceof Expr.Symbol s && s.time().isPresent()) {
      return Optional.of(Link.vector(key(s), transposed, parsed.offset(e, parsed.offset(x, fallback))));
    }
    return Optional.empty();
  }

  private void flatten(Expr e, List<Link> out, int fallback) {
    int at = parsed.offset(e, fallback);
    if (e instanceof Expr.Product p) {
      for (Expr f : p.factors()) {
        flatten(f, out, at);
      }
    } else if (e instanceof Expr.Partial p && p.of() instanceof Expr.Symbol of && p.by() instanceof Expr.Symbol by) {
      out.add(Link.partial(key(of), key(by), at));
    } else if (e instanceof Expr.Symbol s && s.time().isEmpty()) {
      out.add(Link.matrix(variable(s), false, at));
    } else if (e instanceof Expr.Transpose t && t.operand() instanceof Expr.Symbol s && s.time().isEmpty()) {
      out.add(Link.matrix(variable(s), true, at));
    } else if (e instanceof Expr.Symbol s) {
      out.add(Link.vector(key(s), false, at));
    } else {
      Optional<Link> concrete = concrete(e, at);
      out.add(concrete.orElseGet(() -> Link.unknown(WrittenTex.of(e), at)));
    }
  }

  /** {@code diag(f'(z_k))}, {@code diag(1 - s_k^2)}, {@code f'(z_k)}, {@code o_k - y_k}. */
  private Optional<Link> concrete(Expr e, int at) {
    Expr x = e instanceof Expr.Diag d ? d.operand() : e;
    Optional<Time> stage = ActivationForms.stageOf(x);
    if (stage.isPresent()) {
      String time = stage.get().plus(shift).spelled();
      // The name records whose derivative the written form is, for the judge to compare with the network's.
      return Optional.of(new Link(Link.Kind.PARTIAL, Link.key("s", time), Link.key("z", time),
          ActivationForms.activationOf(x), false, at));
    }
    if (x instanceof Expr.Sum s && s.terms().size() == 2 && s.terms().get(0) instanceof Expr.Symbol o
        && s.terms().get(1) instanceof Expr.Negate n && n.operand() instanceof Expr.Symbol y
        && o.time().isPresent() && o.time().equals(y.time())
        && "o".equals(notation.variable(o.name()).orElse("")) && "y".equals(notation.variable(y.name()).orElse(""))) {
      String time = o.time().get().plus(shift).spelled();
      return Optional.of(Link.partial(Link.key("E", time), Link.key("q", time), at));
    }
    return Optional.empty();
  }

  private String key(Expr.Symbol s) {
    String time = s.time().map(t -> t.plus(shift).spelled()).orElse("");
    return Link.key(variable(s), time);
  }

  private String variable(Expr.Symbol s) {
    return notation.variable(s.name()).orElseGet(() -> notation.variable(notation.nearest(s.name())).orElse(s.name()));
  }
}
