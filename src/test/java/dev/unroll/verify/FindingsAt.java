package dev.unroll.verify;

import java.util.List;

/** Where in a test's document a finding is looked for: the line holding a piece of text, and the findings on it. */
final class FindingsAt {
  private FindingsAt() {}

  /** The findings of {@code s} on {@code line}. */
  static List<Finding> at(Report r, int line, Severity s) {
    return r.findings().stream().filter(f -> f.line() == line && f.severity() == s).toList();
  }

  /** The 1-based line of {@code text} holding {@code piece}, its first. */
  static int line(String text, String piece) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(piece)) {
        return i + 1;
      }
    }
    throw new AssertionError(piece);
  }
}
