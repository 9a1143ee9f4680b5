package dev.unroll.pipeline;

import java.util.Optional;

/** The lessons tests look at, made once per test JVM by the same pipeline the command line uses. */
final class Lessons {
  private static Lesson reference;
  private static Lesson lstm;
  private static Lesson gru;

  private Lessons() {}

  static synchronized Lesson reference() {
    if (reference == null) {
      reference = Pipelines.standard(Optional.empty()).lesson(LessonSpec.REFERENCE);
    }
    return reference;
  }

  /** The LSTM's lesson over three stages, with respect to its forget gate's recurrent weight. */
  static synchronized Lesson lstm() {
    if (lstm == null) {
      lstm = Pipelines.standard(Optional.empty()).lesson(
          new LessonSpec("lstm", 3, "Uf", "tanh", dev.unroll.derive.LossKind.LAST, LessonSpec.Form.AUTO));
    }
    return lstm;
  }

  /** The GRU's lesson over three stages, with respect to its update gate's recurrent weight. */
  static synchronized Lesson gru() {
    if (gru == null) {
      gru = Pipelines.standard(Optional.empty()).lesson(
          new LessonSpec("gru", 3, "Uz", "tanh", dev.unroll.derive.LossKind.LAST, LessonSpec.Form.AUTO));
    }
    return gru;
  }
}
