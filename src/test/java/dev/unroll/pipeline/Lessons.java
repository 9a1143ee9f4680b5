package dev.unroll.pipeline;

/** The lessons tests look at, made once per test JVM. */
final class Lessons {
  private static Lesson reference;

  private Lessons() {}

  static synchronized Lesson reference() {
    if (reference == null) {
      reference = TextbookPipelines.withoutChecks().lesson(LessonSpec.REFERENCE);
    }
    return reference;
  }
}
