package dev.unroll.pipeline;

/** The lessons tests look at, made once per test JVM. */
final class Lessons {
  private static Lesson reference;
  private static Lesson lstm;

  private Lessons() {}

  static synchronized Lesson reference() {
    if (reference == null) {
      reference = TextbookPipelines.withoutChecks().lesson(LessonSpec.REFERENCE);
    }
    return reference;
  }

  /** The LSTM's lesson over three stages, with respect to its forget gate's recurrent weight. */
  static synchronized Lesson lstm() {
    if (lstm == null) {
      lstm = TextbookPipelines.withoutChecks().lesson(
          new LessonSpec("lstm", 3, "Uf", "tanh", dev.unroll.derive.LossKind.LAST, LessonSpec.Form.AUTO));
    }
    return lstm;
  }
}
