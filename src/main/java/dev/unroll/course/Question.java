package dev.unroll.course;

import java.util.Locale;
import java.util.Objects;

/**
 * One question of a sheet: what kind of derivation it asks for, its number on the sheet and a short
 * title. Its words are in {@code templates/exercise/questions.ftl}, its formulas in the sheet's view.
 */
public record Question(int number, Kind kind, String title) {
  public Question {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
  }

  /** What a question asks for. */
  public enum Kind {
    /** One stage of the backward walk, gate by gate. */
    WALK,
    /** The whole gradient as a sum of terms. */
    SUM,
    /** The gradient in column form with concrete factors. */
    MATRIX,
    /** The delta (adjoint) recursion. */
    DELTA,
    /** How fast the terms can shrink or grow. */
    BOUND;

    public static Kind parse(String word) {
      try {
        return valueOf(word.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("questions are walk, sum, matrix, delta and bound, got '" + word.strip() + "'.");
      }
    }

    public String spelled() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The heading a student answers the question under, and the grader finds it by. */
  public String heading() {
    return "Question " + number + ": " + title;
  }
}
