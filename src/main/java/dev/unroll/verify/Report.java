package dev.unroll.verify;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@code verify} found in one file, in file order: the findings, and one {@link Outcome}
 * per math span and per claim the prose makes in words.
 */
public record Report(String file, List<Finding> findings, List<Outcome> outcomes) {
  /** Exit code: every claim that was judged holds and at least one was. */
  public static final int CONFIRMED = 0;
  /** Exit code: a claim is wrong. */
  public static final int WRONG = 1;
  /** Exit code: nothing is wrong but nothing could be judged; a grading script must not read it as a pass. */
  public static final int NOTHING_JUDGED = 3;

  public Report {
    Objects.requireNonNull(file, "file");
    findings = List.copyOf(findings);
    outcomes = List.copyOf(outcomes);
  }

  /**
   * 1 when any claim is wrong (an error is only ever said of a false claim), 0 when at least one
   * claim is confirmed and none is wrong, 3 when nothing could be judged.
   */
  public int exitCode() {
    if (count(Outcome.Verdict.WRONG) > 0 || count(Severity.ERROR) > 0) {
      return WRONG;
    }
    return count(Outcome.Verdict.CONFIRMED) > 0 ? CONFIRMED : NOTHING_JUDGED;
  }

  /** Claims judged: confirmed or wrong. */
  public int checked() {
    return (int) (count(Outcome.Verdict.CONFIRMED) + count(Outcome.Verdict.WRONG));
  }

  public int failed() {
    return (int) count(Outcome.Verdict.WRONG);
  }

  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  public long count(Outcome.Verdict v) {
    return outcomes.stream().filter(o -> o.verdict() == v).count();
  }

  /** The last line of the text output: "f.md: 31 claims: 27 confirmed, 2 wrong, 2 not judged; 2 errors, ...". */
  public String summary() {
    return file + ": " + plural(outcomes.size(), "claim") + ": " + count(Outcome.Verdict.CONFIRMED) + " confirmed, "
        + count(Outcome.Verdict.WRONG) + " wrong, " + count(Outcome.Verdict.NOT_JUDGED) + " not judged; "
        + plural(count(Severity.ERROR), "error") + ", " + plural(count(Severity.WARNING), "warning") + ", "
        + plural(count(Severity.NOTE), "note") + ".";
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
