package dev.unroll.course;

import java.util.List;
import java.util.Objects;

/**
 * Which student got which variant, and the files that belong to it, relative to the exercise folder:
 * the manifest's row for one student.
 */
public record Assignment(Student student, Variant variant, String sheetId, List<Question> questions, String sheet,
    String answer, String key) {
  public Assignment {
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(sheetId, "sheetId");
    questions = List.copyOf(questions);
  }
}
