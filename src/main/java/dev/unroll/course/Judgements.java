package dev.unroll.course;

import dev.unroll.verify.Finding;
import dev.unroll.verify.Outcome;
import dev.unroll.verify.Report;
import dev.unroll.verify.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code verify}'s report of one submission as claims: one per outcome verify gave, a wrong one
 * with the error found inside it and that error's correction.
 */
final class Judgements {
  private Judgements() {}

  static List<Claim> claims(Report report) {
    List<Outcome> outcomes = report.outcomes().stream()
        .sorted(Comparator.comparingInt(Outcome::line).thenComparingInt(Outcome::column)).toList();
    List<Claim> out = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome o = outcomes.get(i);
      int end = i + 1 < outcomes.size() ? outcomes.get(i + 1).line() : Integer.MAX_VALUE;
      Claim.Outcome verdict = switch (o.verdict()) {
        case CONFIRMED -> Claim.Outcome.CONFIRMED;
        case WRONG -> Claim.Outcome.WRONG;
        case NOT_JUDGED -> Claim.Outcome.NOT_JUDGED;
      };
      Optional<Finding> error = verdict != Claim.Outcome.WRONG ? Optional.empty()
          : report.findings().stream().filter(f -> f.severity() == Severity.ERROR)
              .filter(f -> f.line() > o.line() || f.line() == o.line() && f.column() >= o.column())
              .filter(f -> f.line() < end || f.line() == o.line()).findFirst();
      String message = error.map(Finding::message).orElse(o.reason());
      out.add(new Claim(o.line(), verdict, o.tex(), message, error.flatMap(Finding::correction)));
    }
    return out;
  }
}
