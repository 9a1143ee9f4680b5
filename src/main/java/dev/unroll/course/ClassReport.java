package dev.unroll.course;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A class's grades and what they add up to: counts per outcome, the exit code the command returns,
 * and the most common mistakes across the class, counted once per submission that makes them.
 */
public record ClassReport(String title, List<Grade> grades) {
  /** Words that name a kind of mistake in verify's findings; a finding is counted under the first it says. */
  private static final List<String> KINDS = List.of("missing term", "extra term", "transpose", "elementwise",
      "off by one", "wrong stage", "power", "wrong delta", "forget gate", "left side", "wrong factor", "bound",
      "counted twice", "wrong index", "shape");

  public ClassReport {
    grades = List.copyOf(grades);
  }

  /** A kind of mistake and how many submissions make it. */
  public record Mistake(String kind, int submissions) {}

  public long count(Grade.Status status) {
    return grades.stream().filter(g -> g.status() == status).count();
  }

  /**
   * 3 when some submission could not be judged at all (a grading script must not take the run for
   * complete), else 1 when any is wrong, else 0.
   */
  public int exitCode() {
    if (grades.stream().anyMatch(g -> !g.judged())) {
      return 3;
    }
    return count(Grade.Status.WRONG) > 0 ? 1 : 0;
  }

  /** The last line of standard output. */
  public String summary() {
    return grades.size() + " submission" + (grades.size() == 1 ? "" : "s") + ": " + count(Grade.Status.JUDGED)
        + " right, " + count(Grade.Status.WRONG) + " with wrong claims, " + count(Grade.Status.NOT_JUDGED)
        + " not judged, " + count(Grade.Status.UNREADABLE) + " unreadable.";
  }

  public List<Mistake> commonMistakes() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Grade g : grades) {
      g.claims().stream().filter(c -> c.outcome() == Claim.Outcome.WRONG).map(c -> kind(c.message())).distinct()
          .forEach(k -> counts.merge(k, 1, Integer::sum));
    }
    List<Mistake> out = new ArrayList<>();
    counts.forEach((k, n) -> out.add(new Mistake(k, n)));
    out.sort(Comparator.comparingInt(Mistake::submissions).reversed().thenComparing(Mistake::kind));
    return out;
  }

  /** The kind of mistake a finding names, or its first clause when it names none of {@link #KINDS}. */
  static String kind(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    for (String k : KINDS) {
      if (lower.contains(k)) {
        return k;
      }
    }
    String first = message.split("[.;:(]", 2)[0].strip();
    return first.length() > 80 ? first.substring(0, 77) + "..." : first;
  }
}
