package dev.unroll.pipeline;

import java.util.Optional;

/** The lessons tests look at, made once per test JVM by the same pipeline the command line uses. */
final class Lessons {
  private static Lesson reference;

  private Lessons() {}

  static synchronized Lesson reference() {
    if (reference == null) {
      reference = Pipelines.standard(Optional.empty()).lesson(LessonSpec.REFERENCE);
    }
    return reference;
  }
}
