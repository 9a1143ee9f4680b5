package dev.unroll.verify;

import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Judges one derivative claim against the engine's derivation for its configuration. A right-hand
 * side with one term is read as one term of the sum (lessons build the sum a stage at a time) and
 * matched with the engine term it is closest to; with several terms it is the whole sum, and the
 * terms are paired with the engine's by least cost: unpaired engine terms are missing, unpaired
 * written ones extra, and a term equal to an earlier one is counted twice. Besides the factors, each
 * term's convention is checked: in the chain notation the weight's gradient takes the other input
 * through an outer product and matrices are not transposed; in matrix form every matrix is.
 */
final class ClaimJudge {
  /** What judging one claim found, and whether the claim holds. */
  record Verdict(boolean holds, List<Finding> findings) {}

  private final Notation notation;
  private final EngineTerms engine;
  /** Where the file says that a chain's last factor stands for an outer product, if it does. */
  private final java.util.Optional<Position> statedOuter;
  /** The claim being judged's time shift, for spelling times back in the author's terms. */
  private int currentShift;

  ClaimJudge(Notation notation, EngineTerms engine, java.util.Optional<Position> statedOuter) {
    this.notation = notation;
    this.engine = engine;
    this.statedOuter = statedOuter;
  }

  Verdict judge(Claim claim, int steps) {
    List<Finding> out = new ArrayList<>();
    currentShift = claim.shift();
    MathSpan span = claim.span();
    Position where = span.position(claim.parsed().offset(claim.lhs(), 0));
    String lhsTex = WrittenTex.of(claim.lhs());
    List<EngineTerms.Expected> expected = engine.terms(claim.parameter(), claim.loss(), steps);
    EngineForms forms = new EngineForms(engine.forms(), claim.shift());
    TermJudge termJudge = new TermJudge(this::describe);
    List<WrittenTerm> written = claim.terms();
    boolean holds = true;

    Comparisons comparisons = new Comparisons(termJudge, written, expected);
    // Convention of each written term.
    for (int i = 0; i < written.size(); i++) {
      holds &= convention(written.get(i), claim, expected.get(comparisons.nearest(i)), forms, out);
    }
    if (written.size() == 1) {
      WrittenTerm w = written.get(0);
      int best = comparisons.nearest(0);
      TermJudge.Comparison bestCmp = comparisons.get(0, best);
      if (bestCmp.cost() == 0) {
        out.add(Finding.at(where, Severity.NOTE, "factors match term " + (best + 1) + " of the " + expected.size()
            + "-term sum for " + lhsTex + " over " + steps + " stages" + convention(w) + "."));
      } else {
        holds = false;
        report(w, expected.get(best), bestCmp, span, forms, out);
      }
      return new Verdict(holds, out);
    }

    List<Integer> duplicates = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (!duplicates.contains(j) && written.get(i).sameAs(written.get(j))) {
          duplicates.add(i);
          holds = false;
          out.add(Finding.at(span.position(written.get(i).offset()), Severity.ERROR,
              "term counted twice: this term repeats term " + (j + 1) + " of the sum."));
          break;
        }
      }
    }
    record Pair(int written, int expected, TermJudge.Comparison cmp) {}
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      if (duplicates.contains(i)) {
        continue;
      }
      for (int k : comparisons.candidates(i)) {
        TermJudge.Comparison c = comparisons.get(i, k);
        if (c.cost() < 1000) {
          pairs.add(new Pair(i, k, c));
        }
      }
    }
    pairs.sort(Comparator.comparingInt((Pair p) -> p.cmp().cost()).thenComparingInt(Pair::expected).thenComparingInt(Pair::written));
    boolean[] usedWritten = new boolean[written.size()];
    boolean[] usedExpected = new boolean[expected.size()];
    for (Pair p : pairs) {
      if (usedWritten[p.written()] || usedExpected[p.expected()]) {
        continue;
      }
      usedWritten[p.written()] = true;
      usedExpected[p.expected()] = true;
      if (p.cmp().cost() > 0) {
        holds = false;
        report(written.get(p.written()), expected.get(p.expected()), p.cmp(), span, forms, out);
      }
    }
    WrittenTerm.Form form = written.get(0).form();
    for (int k = 0; k < expected.size(); k++) {
      if (!usedExpected[k]) {
        holds = false;
        out.add(Finding.at(span.position(written.get(written.size() - 1).offset()), Severity.ERROR,
            "missing term: the sum for " + lhsTex + " over " + steps + " stages has " + expected.size()
                + " terms; term " + (k + 1) + " is not written.",
            WrittenTex.correction(forms.write(expected.get(k).term(), form), notation)));
      }
    }
    for (int i = 0; i < written.size(); i++) {
      if (!usedWritten[i] && !duplicates.contains(i)) {
        holds = false;
        out.add(Finding.at(span.position(written.get(i).offset()), Severity.ERROR,
            "extra term: no path of the derivation over " + steps + " stages gives this term."));
      }
    }
    boolean allPaired = written.size() == expected.size() && duplicates.isEmpty();
    for (boolean used : usedExpected) {
      allPaired &= used;
    }
    if (allPaired && pairs.stream().filter(p -> p.cmp().cost() == 0).count() >= expected.size()) {
      out.add(Finding.at(where, Severity.NOTE, "terms match: the " + expected.size() + " written terms are the "
          + expected.size() + "-term sum for " + lhsTex + " over " + steps + " stages, factor by factor"
          + convention(written.get(0)) + "."));
    }
    return new Verdict(holds, out);
  }

  private static String convention(WrittenTerm w) {
    return w.form() == WrittenTerm.Form.MATRIX ? " (matrix form)" : " (chain notation)";
  }

  private boolean convention(WrittenTerm w, Claim claim, EngineTerms.Expected nearest, EngineForms forms,
      List<Finding> out) {
    boolean ok = true;
    MathSpan span = claim.span();
    String right = WrittenTex.correction(forms.write(nearest.term(), w.form()), notation);
    for (Link l : w.links()) {
      if (l.kind() != Link.Kind.MATRIX) {
        continue;
      }
      String m = braced(notation.spell(l.name()));
      if (w.form() == WrittenTerm.Form.MATRIX && !l.transposed()) {
        ok = false;
        out.add(Finding.at(span.position(l.offset()), Severity.ERROR, m + " where " + m + "^T belongs: in matrix form "
            + "(column gradients) the gradient passes a matrix backwards through its transpose.", right));
      } else if (w.form() == WrittenTerm.Form.CHAIN && l.transposed()) {
        ok = false;
        out.add(Finding.at(span.position(l.offset()), Severity.ERROR, m + "^T where " + m + " belongs: in the chain "
            + "notation the incoming gradient is a row vector multiplied on the right by " + m + ".", right));
      }
    }
    if (w.end().isPresent()) {
      String v = describe(w.end().get());
      Position p = span.position(w.end().get().offset());
      if (w.outer() == WrittenTerm.Join.PLAIN) {
        // The classic chain notation's shorthand (this project's own lessons write it): read as the outer
        // product whether or not the file says so, a note and never an error.
        out.add(Finding.at(p, Severity.NOTE, "the last factor " + v + " is read as an outer product with the incoming"
            + " gradient, the chain notation's shorthand" + statedOuter.map(s -> " (as this file says at line " + s.line()
            + ")").orElse("") + "."));
      } else if (w.outer() == WrittenTerm.Join.UNTRANSPOSED) {
        ok = false;
        out.add(Finding.at(p, Severity.ERROR, v + " must be transposed: the gradient is the outer product of the "
            + "incoming gradient with " + v + ".", right));
      }
    }
    for (Link l : w.links()) {
      if (l.isActivation() && !l.name().isEmpty() && !l.name().equals(engine.activation())) {
        ok = false;
        out.add(Finding.at(span.position(l.offset()), Severity.ERROR, "wrong activation derivative: this is the "
            + l.name() + "'s derivative, but the network uses " + engine.activation() + ".", right));
      }
    }
    return ok;
  }

  private void report(WrittenTerm w, EngineTerms.Expected e, TermJudge.Comparison cmp, MathSpan span, EngineForms forms,
      List<Finding> out) {
    String right = WrittenTex.correction(forms.write(e.term(), w.form()), notation);
    for (TermJudge.Difference d : cmp.differences()) {
      int at = d.offset() < 0 ? w.offset() : d.offset();
      out.add(Finding.at(span.position(at), Severity.ERROR, d.message(), right));
    }
  }

  /** A link in the author's notation and times. */
  private String describe(Link l) {
    return switch (l.kind()) {
      case PARTIAL -> "\\partial " + spell(l.from()) + "/\\partial " + spell(l.to());
      case MATRIX -> braced(notation.spell(l.name())) + (l.transposed() ? "^T" : "");
      case VECTOR -> spell(l.name());
      case UNKNOWN -> l.name();
    };
  }

  private String spell(String key) {
    String v = notation.spell(Link.variable(key));
    String time = Link.time(key);
    return time.isEmpty() ? braced(v) : v + "_{" + unshift(time) + "}";
  }

  /** {@code W_hh} as TeX: {@code W_{hh}}. */
  static String braced(String name) {
    int u = name.indexOf('_');
    return u < 0 ? name : name.substring(0, u) + "_{" + name.substring(u + 1) + "}";
  }

  private String unshift(String time) {
    if (!time.startsWith("t") || currentShift == 0) {
      return time;
    }
    int offset = time.length() == 1 ? 0 : Integer.parseInt(time.substring(1).replace("+", ""));
    return new Time("t", offset - currentShift).spelled();
  }
}
