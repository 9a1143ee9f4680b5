package dev.unroll.verify;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@code verify} found in one file, in file order, and how many claims it checked.
 *
 * @param checked claims judged (derivatives, network equations, computable prose)
 * @param failed claims that do not hold
 */
public record Report(String file, List<Finding> findings, int checked, int failed) {
  public Report {
    Objects.requireNonNull(file, "file");
    findings = List.copyOf(findings);
  }

  /** 0 when every checked claim holds, 1 when any does not. */
  public int exitCode() {
    return failed > 0 || findings.stream().anyMatch(f -> f.severity() == Severity.ERROR) ? 1 : 0;
  }

  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  /** The last line of the text output. */
  public String summary() {
    return file + ": " + plural(checked, "claim") + " checked, " + (checked - failed) + " hold, " + failed
        + " do not; " + plural(count(Severity.ERROR), "error") + ", " + plural(count(Severity.WARNING), "warning")
        + ", " + plural(count(Severity.NOTE), "note") + ".";
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
