package dev.unroll.course;

import java.util.Objects;
import java.util.Optional;

/**
 * One claim of a submission as {@code verify} judged it: where it is, its outcome, what verify said
 * and, for a wrong one, the right equation in the student's own symbols.
 *
 * @param tex the claim's LaTeX as the student wrote it, for the report to render
 */
public record Claim(int line, Outcome outcome, String tex, String message, Optional<String> correction) {
  /** What became of a claim. */
  public enum Outcome {
    CONFIRMED, WRONG, NOT_JUDGED
  }

  public Claim {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(tex, "tex");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(correction, "correction");
  }
}
