package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The simple RNN's gradient claims of one file ({@code \\partial E / \\partial W = ...}), each matched
 * factor by factor against the engine's expanded sum ({@link ClaimJudge}), or evaluated on random
 * weights when its factors cannot all be placed ({@link NumericFallback}); every outcome recorded in
 * {@link Outcomes}.
 */
final class ChainClaims {
  private final OptionalInt steps;

  /** @param steps the stages {@code --steps} fixes, if it does */
  ChainClaims(OptionalInt steps) {
    this.steps = steps;
  }

  /**
   * The simple RNN's gradient claims, matched factor by factor against the engine's expanded sum.
   * Stages: as many as the written times reach, or as the written factors count out; a slipped index
   * can inflate the first, a dropped factor deflate the second, so both are tried.
   */
  void judge(List<Claim> claims, Notation notation, EngineTerms engine, Optional<Position> statedOuter,
      List<Finding> findings, Outcomes outcomes) {
    Map<String, Integer> byIndex = new TreeMap<>();
    Map<String, Integer> byCount = new TreeMap<>();
    for (Claim c : claims) {
      byIndex.merge(c.parameter() + "/" + c.loss(), c.stepsNeeded(), Math::max);
      byCount.merge(c.parameter() + "/" + c.loss(), c.stepsCounted(), Math::max);
    }
    ClaimJudge judge = new ClaimJudge(notation, engine, statedOuter);
    for (Claim c : claims) {
      String key = c.parameter() + "/" + c.loss();
      // A whole sum says how many stages it is over; a single term is one stage's share of a sum the
      // file builds up, so it takes the stages of the file's largest claim about the same gradient.
      boolean single = c.terms().size() == 1;
      int counted = single ? byCount.get(key) : c.stepsCounted();
      int indexed = single ? byIndex.get(key) : c.stepsNeeded();
      List<Integer> candidates = steps.isPresent() ? List.of(steps.getAsInt())
          : counted == indexed ? List.of(indexed) : List.of(counted, indexed);
      Position at = c.span().position(c.parsed().offset(c.lhs(), 0));
      int most = candidates.stream().mapToInt(Integer::intValue).max().orElse(1);
      if (most > EngineTerms.MAX_STEPS) {
        findings.add(Finding.at(at, Severity.WARNING, "not checked: this claim needs " + most + " stages; verify checks "
            + "claims over at most " + EngineTerms.MAX_STEPS + "."));
        continue;
      }
      if (c.terms().stream().anyMatch(t -> t.links().stream().anyMatch(l -> l.kind() == Link.Kind.UNKNOWN))) {
        Finding f = numeric(c, most, notation, engine, at);
        findings.add(f);
        if (f.severity() != Severity.WARNING) {
          outcomes.judged(c.span(), f.severity() != Severity.ERROR);
        }
        continue;
      }
      ClaimJudge.Verdict v = null;
      for (int n : candidates) {
        ClaimJudge.Verdict tried = judge.judge(c, n);
        if (v == null || errors(tried) < errors(v)) {
          v = tried;
        }
      }
      findings.addAll(v.findings());
      outcomes.judged(c.span(), v.holds());
    }
  }

  /** A claim whose factors cannot all be placed: both sides evaluated on random weights instead. */
  private static Finding numeric(Claim c, int steps, Notation notation, EngineTerms engine, Position at) {
    NumericFallback.Outcome o = new NumericFallback(notation, engine.activation()).compare(c, steps);
    String what = "could not match the structure factor by factor, so both sides were evaluated on random weights"
        + " over " + steps + " stages: ";
    if (!o.evaluated()) {
      return Finding.at(at, Severity.WARNING, "could not match structure, and the written side could not be evaluated"
          + " numerically (" + o.problem() + "); this claim was not checked.");
    }
    String size = String.format(java.util.Locale.ROOT, "%.1e", o.relativeDifference());
    if (o.relativeDifference() < NumericFallback.TOLERANCE) {
      return Finding.at(at, Severity.NOTE, what + "they agree (relative difference " + size + ").");
    }
    EngineForms forms = new EngineForms(engine.forms(), c.shift());
    Expr right = Expr.sum(engine.terms(c.parameter(), c.loss(), steps).stream().map(t -> forms.matrix(t.term())).toList());
    return Finding.at(at, Severity.ERROR, what + "they disagree (relative difference " + size + ").",
        WrittenTex.correction(right, notation));
  }

  private static long errors(ClaimJudge.Verdict v) {
    return v.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
  }
}
