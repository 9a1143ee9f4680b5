package dev.unroll.course;

import dev.unroll.verify.Finding;
import dev.unroll.verify.Report;
import dev.unroll.verify.Severity;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code verify}'s report of one submission as claims with outcomes. */
final class Judgements {
  private Judgements() {}

  static List<Claim> claims(Report report, List<String> lines) {
    List<Claim> out = new ArrayList<>();
    for (Finding f : report.findings()) {
      Claim.Outcome o = switch (f.severity()) {
        case ERROR -> Claim.Outcome.WRONG;
        case WARNING -> Claim.Outcome.NOT_JUDGED;
        case NOTE -> Claim.Outcome.CONFIRMED;
      };
      String tex = f.line() >= 1 && f.line() <= lines.size() ? lines.get(f.line() - 1).strip() : "";
      out.add(new Claim(f.line(), o, tex, f.message(), f.correction()));
    }
    return out;
  }
}
