package dev.unroll.course;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One submission's grade: who, which file, how its claims came out and which of its sheet's
 * questions it answered and got right.
 *
 * @param variant the variant it was judged against, when a manifest gave one
 * @param reason why it could not be judged, for {@link Status#UNREADABLE} and {@link Status#NOT_JUDGED}
 */
public record Grade(String student, String file, Optional<String> variant, Status status, String reason,
    List<Claim> claims, List<QuestionGrade> questions) {
  /** A submission's overall outcome. */
  public enum Status {
    /** Judged, and nothing in it is wrong. */
    JUDGED,
    /** Judged, and at least one claim is wrong. */
    WRONG,
    /** Read, but not one claim in it could be judged. */
    NOT_JUDGED,
    /** The file could not be read at all. */
    UNREADABLE
  }

  public Grade {
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    claims = List.copyOf(claims);
    questions = List.copyOf(questions);
  }

  public long count(Claim.Outcome outcome) {
    return claims.stream().filter(c -> c.outcome() == outcome).count();
  }

  public long answered() {
    return questions.stream().filter(QuestionGrade::answered).count();
  }

  public long right() {
    return questions.stream().filter(QuestionGrade::right).count();
  }

  /** Whether the grade holds a judgement at all. */
  public boolean judged() {
    return status == Status.JUDGED || status == Status.WRONG;
  }
}
